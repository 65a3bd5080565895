#!/usr/bin/env bash
# The HTTP benchmark of README "Performance", in one run on this machine (loopback only):
#   1. builds the WAR, unpacks WildFly and Payara Server from Maven Central, builds the ceiling WAR;
#   2. starts, side by side: the README run command (embedded Payara, :8080), the container
#      ceiling on the same embedded Payara set-up (:8090), WildFly (:8380) and Payara Server
#      (:20080) configured by server-config/ exactly as CI does (src/test/servers/*.sh), and the
#      Node.js references (:19101-19104);
#   3. runs src/bench/http/wrk-bench.sh over all of them (same wrk command for each) and prints
#      one table, with bearer callers as real logins bring them (kustomer-bearer.war on each
#      server and the node-http-jose reference, 300 distinct access tokens of the tests'
#      Keycloak in turn; BENCH_BEARER_DISTINCT=no leaves them out); then bearer callers with one
#      pre-issued access token repeated (BENCH_BEARER_RUN=no skips it) and for a delegate naming a customer (bff on each server, and a
#      WildFly service account; BENCH_DELEGATES=no skips it), and for a browser page on an
#      allowed origin (CORS: the first table sends no Origin; here kustomer.cors.allowed-origins is
#      set on each server and every request carries that Origin; BENCH_CORS=no skips it);
#      4. stops everything, also on failure or Ctrl-C.
# Usage: src/bench/run-all.sh [wrk-bench.sh options, e.g. --repeat 3]
# BENCH_CURVES=yes: each server, right after its ready line and before the next one starts, gets
# src/bench/http/warmup-curve.sh (time to full speed; WildFly with bearer callers, its BASIC being
# bcrypt); BENCH_TABLES=no then skips the tables. JVM flags to compare: BENCH_RUN_JVM_ARGS (run
# command and ceiling), BENCH_WILDFLY_JAVA_SIZING (replaces standalone.conf's "-Xms64m -Xmx512m"),
# BENCH_PAYARA_JVM_OPTIONS (colon-separated, added to the test domain, removed at its stop);
# and a request thread pool size: BENCH_WILDFLY_TASK_MAX_THREADS (the io worker's, undone at stop).
# BENCH_LOGIN_FLOOD=yes: after WildFly's curve, src/bench/http/login-flood.sh (bearer callers
# alone, then beside a flood of alice's BASIC logins, bcrypt; BENCH_FLOOD_PASSWORD for a wrong
# password instead; the "flood" line among the curves).
# BENCH_SERVERS="run ceiling wildfly payara-server refs" picks what to start (default: all).
# IT_PAYARA_CONFIG_CACHE=default keeps Payara's own 60 s config cache (CI's test domain: 0).
# Every server also ends by itself (30 min lifetimes), and every wrk run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
readonly ROOT=$PWD BENCH=$PWD/target/bench
readonly SECRET=${KUSTOMER_SECRET:-demo-only-secret-not-from-kustomer-0123456789}
readonly BENCH_LIMIT=${BENCH_LIMIT:-1000000000}
readonly CORS_ORIGIN=https://app.example.com
readonly WILDFLY_HOME=$ROOT/target/servers/wildfly-39.0.1.Final PAYARA_HOME=$ROOT/target/servers/payara6
readonly KEYCLOAK_HOME=$ROOT/target/servers/keycloak-26.7.3 OIDC_ISSUER=http://127.0.0.1:18180/realms/kustomer
servers=${BENCH_SERVERS:-run ceiling wildfly payara-server refs}
# Payara Server's BASIC target, named after its config cache (its bearer target is compared with it).
readonly PAYARA_BASIC=payara-server-cache-${IT_PAYARA_CONFIG_CACHE:-0}
mkdir -p "$BENCH"

say() { echo "[bench] $*"; }
wants() { [[ " $servers " == *" $1 "* ]]; }

groups=()
cleanup() {
    say "stopping everything"
    for group in "${groups[@]}"; do kill -TERM -- -"$group" 2>/dev/null || true; done
    wants wildfly && bash src/test/servers/wildfly.sh stop "$WILDFLY_HOME" > "$BENCH/wildfly-stop.log" 2>&1 || true
    wants payara-server && bash src/test/servers/payara.sh stop "$PAYARA_HOME" > "$BENCH/payara-stop.log" 2>&1 || true
    wants refs && src/bench/node/start-refs.sh stop > /dev/null 2>&1 || true
    bash src/test/servers/keycloak.sh stop "$KEYCLOAK_HOME" > /dev/null 2>&1 || true
    sleep 2
    for group in "${groups[@]}"; do kill -KILL -- -"$group" 2>/dev/null || true; done
}
trap cleanup EXIT

curves=()
# curve NAME URL: the time to full speed of a server that has just started (BENCH_CURVES=yes).
curve() {
    [ "${BENCH_CURVES:-no}" = yes ] || return 0
    src/bench/http/warmup-curve.sh --windows "${BENCH_CURVE_WINDOWS:-30}" --out "$BENCH/curves" "$1=$2" | tee "$BENCH/curve-$1.txt"
    curves+=("$(tail -1 "$BENCH/curve-$1.txt")")
}

# embedded NAME PORT LOG [extra mvn args]: starts the run profile in its own process group.
embedded() {
    local name=$1 port=$2 log=$3; shift 3
    # The limits stay on (their cost is measured) but far above what wrk sends as one caller;
    # the real servers get the same from their test harness (IT_LIMIT_PER_MINUTE).
    KUSTOMER_SECRET=$SECRET KUSTOMER_PORT=$port KUSTOMER_LIMIT_CUSTOMER_TOKENS_PER_MINUTE=$BENCH_LIMIT \
        KUSTOMER_LIMIT_DELEGATE_TOKENS_PER_MINUTE=$BENCH_LIMIT KUSTOMER_LIMIT_IDENTITY_TOKENS_PER_MINUTE=$BENCH_LIMIT \
        setsid ./mvnw -B -Prun ${BENCH_RUN_JVM_ARGS:+"-Drun.jvm.args=$BENCH_RUN_JVM_ARGS"} "$@" > "$log" 2>&1 < /dev/null &
    groups+=($!)
    for _ in $(seq 1 240); do
        grep -q "ready at http://127.0.0.1:$port/kustomer" "$log" && { say "$name ready on :$port"; return 0; }
        sleep 1
    done
    tail -30 "$log"; say "$name did not start"; return 1
}

say "building the WARs and unpacking the servers"
# One server profile at a time: each sets the server the build unpacks.
for server in wildfly payara-server; do ./mvnw -B -q -P"$server" -DskipTests package; done
src/bench/ceiling/build-war.sh "$BENCH/kustomer-ceiling.war"
# The OpenID provider of kustomer-bearer.war on every server (as in the tests).
bash src/test/servers/keycloak.sh start "$KEYCLOAK_HOME" > "$BENCH/keycloak.log" 2>&1 || { cat "$BENCH/keycloak.log"; exit 1; }
export IT_OIDC_ISSUER=$OIDC_ISSUER MP_JWT_VERIFY_ISSUER=$OIDC_ISSUER \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION=$OIDC_ISSUER/protocol/openid-connect/certs MP_JWT_VERIFY_AUDIENCES=kustomer-token-service

targets=()
if wants run; then
    # README command 1, as a newcomer runs it (it builds the WAR again, so it goes first).
    # The allow-list is set from the start (the real servers get theirs before the CORS table): a
    # request without Origin, as in every table but that one, never reads it.
    KUSTOMER_CORS_ALLOWED_ORIGINS=$CORS_ORIGIN embedded "run command" 8080 "$BENCH/run.log" package
    targets+=(run-command=http://127.0.0.1:8080/kustomer/api/v1/tokens)
    curve run-command http://127.0.0.1:8080/kustomer/api/v1/tokens
fi
if wants ceiling; then
    # The same embedded set-up (DemoServer, demo realm) with the ceiling WAR; no rebuild.
    # No kustomer-bearer.war beside the ceiling WAR: an empty issuer tells DemoServer so.
    MP_JWT_VERIFY_ISSUER= embedded "ceiling" 8090 "$BENCH/ceiling.log" exec:exec@run-on-embedded-payara -Drun.war="$BENCH/kustomer-ceiling.war"
    targets+=(ceiling=http://127.0.0.1:8090/kustomer/api/v1/tokens)
    curve ceiling http://127.0.0.1:8090/kustomer/api/v1/tokens
fi
if wants wildfly; then
    JBOSS_JAVA_SIZING=${BENCH_WILDFLY_JAVA_SIZING:-} IT_WILDFLY_TASK_MAX_THREADS=${BENCH_WILDFLY_TASK_MAX_THREADS:-} IT_KUSTOMER_SECRET=$SECRET IT_LIMIT_PER_MINUTE=$BENCH_LIMIT bash src/test/servers/wildfly.sh start "$WILDFLY_HOME" "$ROOT/target/kustomer.war" > "$BENCH/wildfly.log" 2>&1 \
        || { tail -30 "$BENCH/wildfly.log"; exit 1; }
    say "WildFly ready on :8380"
    targets+=(wildfly=http://127.0.0.1:8380/kustomer/api/v1/tokens)
    BENCH_BEARER_TOKENS="src/bench/http/access-tokens.sh 300 $OIDC_ISSUER" \
        curve wildfly-bearer-distinct bearer+http://127.0.0.1:8380/kustomer-bearer/api/v1/tokens
    if [ "${BENCH_LOGIN_FLOOD:-no}" = yes ]; then
        # Bearer callers beside people's BASIC logins (bcrypt): what the request pool shares.
        BENCH_BEARER_TOKENS="src/bench/http/access-tokens.sh 300 $OIDC_ISSUER" src/bench/http/login-flood.sh \
            --out "$BENCH/flood" wildfly http://127.0.0.1:8380/kustomer/api/v1/tokens \
            http://127.0.0.1:8380/kustomer-bearer/api/v1/tokens | tee "$BENCH/flood-wildfly.txt"
        curves+=("$(tail -1 "$BENCH/flood-wildfly.txt")")
    fi
fi
if wants payara-server; then
    IT_PAYARA_JVM_OPTIONS=${BENCH_PAYARA_JVM_OPTIONS:-} \
    IT_KUSTOMER_SECRET=$SECRET IT_LIMIT_PER_MINUTE=$BENCH_LIMIT bash src/test/servers/payara.sh start "$PAYARA_HOME" "$ROOT/target/kustomer.war" > "$BENCH/payara.log" 2>&1 \
        || { tail -30 "$BENCH/payara.log"; exit 1; }
    say "Payara Server ready on :20080 (config cache: ${IT_PAYARA_CONFIG_CACHE:-0})"
    targets+=("$PAYARA_BASIC=http://127.0.0.1:20080/kustomer/api/v1/tokens")
    curve payara-server http://127.0.0.1:20080/kustomer/api/v1/tokens
fi
if wants refs; then
    src/bench/node/start-refs.sh start > "$BENCH/refs.log" 2>&1 || { cat "$BENCH/refs.log"; exit 1; }
    targets+=(express-string-secret=http://127.0.0.1:19101/kustomer/api/v1/tokens
              express-keyobject=http://127.0.0.1:19102/kustomer/api/v1/tokens
              node-http-keyobject=http://127.0.0.1:19103/kustomer/api/v1/tokens)
fi

# Real login traffic in the same table: kustomer-bearer.war asked with distinct access tokens in
# turn (300 by default, each a password grant of its own, fetched afresh before each bearer run:
# they live 5 minutes), and its reference node-http-jose (jose, the same JWKS). BENCH_BEARER_DISTINCT=no skips it.
# Each right after the same server's BASIC target, so that the two a ratio compares are measured
# minutes apart, not a whole table apart (the same server's BASIC figure moved by a third
# between two runs of the table: docs/performance.md).
# next_to NAME ENTRY: puts ENTRY right after the target named NAME (or last).
next_to() {
    local i
    for i in "${!targets[@]}"; do
        if [ "${targets[$i]%%=*}" = "$1" ]; then
            targets=("${targets[@]:0:i+1}" "$2" "${targets[@]:i+1}"); return
        fi
    done
    targets+=("$2")
}
if [ "${BENCH_BEARER_DISTINCT:-yes}" = yes ]; then
    export BENCH_BEARER_TOKENS="src/bench/http/access-tokens.sh ${BENCH_ACCESS_TOKENS:-300} $OIDC_ISSUER"
    wants run && next_to run-command run-command-bearer-distinct=bearer+http://127.0.0.1:8080/kustomer-bearer/api/v1/tokens
    wants wildfly && next_to wildfly wildfly-bearer-distinct=bearer+http://127.0.0.1:8380/kustomer-bearer/api/v1/tokens
    wants payara-server && next_to "$PAYARA_BASIC" \
        payara-server-bearer-distinct=bearer+http://127.0.0.1:20080/kustomer-bearer/api/v1/tokens
    wants refs && next_to node-http-keyobject node-http-jose=bearer+http://127.0.0.1:19104/kustomer/api/v1/tokens
fi

if ((${#curves[@]})); then
    say "time to full speed (warmup-curve.sh: first window req/s, seconds to 80 % of full (3-window medians), full req/s, p99 ms at full, answers not 2xx):"
    printf '%s\n' "${curves[@]}" | tee "$BENCH/curves.txt"
fi
[ "${BENCH_TABLES:-yes}" = yes ] || exit 0

say "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
src/bench/http/wrk-bench.sh --out "$BENCH/wrk" "$@" "${targets[@]}"
# Issue 26's mark, round by round: bearer callers (distinct tokens) against BASIC on the same server.
awk -F'\t' -v payara_basic="$PAYARA_BASIC" '
    BEGIN { pair["run-command-bearer-distinct"] = "run-command"; pair["node-http-jose"] = "node-http-keyobject"
            pair["payara-server-bearer-distinct"] = payara_basic }
    NR > 1 && $3 != "skipped" { rps[$1, $2] = $3; if ($1 > rounds) rounds = $1 }
    END {
        for (b in pair) {
            line = ""
            for (r = 1; r <= rounds; r++)
                if (rps[r, b] && rps[r, pair[b]]) line = line sprintf(" %.2f", rps[r, b] / rps[r, pair[b]])
            if (line != "") printf "[bench] %s ÷ %s, round by round:%s\n", b, pair[b], line
        }
    }' "$BENCH/wrk/results.tsv"

# A back end naming the customer: the demo delegate bff (on WildFly a bcrypt password, like a
# person's) and, on WildFly, a service account with a generated credential (salted SHA-512).
# kustomer-bearer.war beside kustomer.war on each server: alice's pre-issued access token from the
# tests' Keycloak (started here unless running), so each request costs a signature check and no
# password hash. BENCH_BEARER_RUN=no skips it.
if [ "${BENCH_BEARER_RUN:-yes}" = yes ]; then
    bearers=()
    wants run && bearers+=(run-command-bearer=http://127.0.0.1:8080/kustomer-bearer/api/v1/tokens)
    wants payara-server && bearers+=(payara-server-bearer=http://127.0.0.1:20080/kustomer-bearer/api/v1/tokens)
    wants wildfly && bearers+=(wildfly-bearer=http://127.0.0.1:8380/kustomer-bearer/api/v1/tokens)
    if ((${#bearers[@]})); then
        token=$(bash src/test/servers/keycloak.sh access-token "$KEYCLOAK_HOME" alice)
        say "bearer callers: alice's access token (lifetime 5 min, fetched now)"
        BENCH_BEARER=$token src/bench/http/wrk-bench.sh --out "$BENCH/wrk-bearer" "$@" "${bearers[@]}"
    fi
fi

if [ "${BENCH_DELEGATES:-yes}" = yes ]; then
    export BENCH_BODY='{"externalId":"alice"}'
    delegates=()
    wants run && delegates+=(run-command-bff=http://127.0.0.1:8080/kustomer/api/v1/tokens)
    wants payara-server && delegates+=(payara-server-bff=http://127.0.0.1:20080/kustomer/api/v1/tokens)
    wants wildfly && delegates+=(wildfly-bff-bcrypt=http://127.0.0.1:8380/kustomer/api/v1/tokens)
    if ((${#delegates[@]})); then
        say "delegates naming a customer: bff"
        BENCH_USER=bff BENCH_PASSWORD=bff-password src/bench/http/wrk-bench.sh --out "$BENCH/wrk-bff" "$@" "${delegates[@]}"
    fi
    if wants wildfly; then
        say "WildFly service account (server-config/wildfly/add-service-account.sh)"
        BENCH_USER=bff-service BENCH_PASSWORD=$(cat "$WILDFLY_HOME/kustomer-it/bff-service.credential") \
            src/bench/http/wrk-bench.sh --out "$BENCH/wrk-service" "$@" \
            wildfly-service-account=http://127.0.0.1:8380/kustomer/api/v1/tokens
    fi
fi

# A browser page on an allowed origin: the same BASIC request with its Origin, each answer then
# naming it (Access-Control-Allow-Origin, Vary, Access-Control-Expose-Headers).
if [ "${BENCH_CORS:-yes}" = yes ]; then
    cors=()
    wants run && cors+=(run-command-cors=http://127.0.0.1:8080/kustomer/api/v1/tokens)
    if wants wildfly; then
        "$WILDFLY_HOME/bin/jboss-cli.sh" -c --controller=127.0.0.1:10290 \
            --command="/system-property=kustomer.cors.allowed-origins:add(value=$CORS_ORIGIN)" > /dev/null
        cors+=(wildfly-cors=http://127.0.0.1:8380/kustomer/api/v1/tokens)
    fi
    if wants payara-server; then
        "$PAYARA_HOME/bin/asadmin" --interactive=false --port 20048 set-config-property --source=domain \
            --propertyname=kustomer.cors.allowed-origins --propertyvalue="$CORS_ORIGIN" > /dev/null
        cors+=(payara-server-cors=http://127.0.0.1:20080/kustomer/api/v1/tokens)
    fi
    if ((${#cors[@]})); then
        sleep 2   # the service reads its settings again within 1 s
        for target in "${cors[@]}"; do
            curl -s -D - -o /dev/null -u alice:alice-password -H "Origin: $CORS_ORIGIN" -X POST "${target#*=}" \
                | grep -qi "^access-control-allow-origin: $CORS_ORIGIN" || { say "${target%%=*} does not name the origin"; exit 1; }
        done
        say "browser pages on an allowed origin (CORS): Origin: $CORS_ORIGIN"
        BENCH_ORIGIN=$CORS_ORIGIN src/bench/http/wrk-bench.sh --out "$BENCH/wrk-cors" "$@" "${cors[@]}"
    fi
fi
