# The checks of a group of instances behind the guide's HAProxy, shared by payara-group.sh and
# wildfly-domain.sh. Sourced, not run. The script that sources it sets, before it calls anything:
#   LABEL, ROOT, WORK, GUIDE, K (the guide's /etc/kustomer), WAR, LB (HAProxy's URL), STATS (its
#   CSV page), TOKENS (the token path), CUSTOMER and PASSWORD_FILE (the guide's customer),
#   LOAD_USER and LOAD_PASSWORD_FILE if the load is not the customer's, INSTANCES and
#   HTTP_PORTS (arrays), SUBSTITUTIONS (pairs: the guide's text, this machine's), and the functions
#   break_one/mend_one INSTANCE (its secret too short on it alone, and mended), kill_one INSTANCE
#   (SIGKILL) and start_one INSTANCE.
# Through HAProxy they check:
#   2. the guide's rotation under load: no request fails, each token is signed by the old xor the
#      new secret, and every token asked for after rotate-secret.sh returned by the new one;
#   3. an instance whose secret breaks leaves the rotation and no caller gets its 503; it comes
#      back when mended;
#   4. SIGKILL of an instance under load: the requests that fail are counted (HAProxy retries a
#      request whose connection failed or brought no answer), and the instance rejoins after it
#      is started again;
#   5. (check_group_limit, where the server offers it) a delegate whose limit counts for the group
#      (kustomer.limit.scope=group) gets no more than the group's limit from all instances;
#   (check_bearer, where the guide has a bearer block) a customer's access token gets a token of
#      the group's secret from every instance.
# A check that starts the tests' Keycloak sets KEYCLOAK_STARTED; the script stops it (stop_keycloak).

say() { echo "[$LABEL $(date +%T)] $*"; }
# checking NAME: whether GROUP_CHECKS (default: every check) names it; for a faster look at one.
checking() { [[ " ${GROUP_CHECKS:-bearer rotation readiness kill limit} " == *" $1 "* ]]; }
fail() { say "FAILED: $*"; exit 1; }

# block MARKER [FENCE]: the block after the guide's line that starts with MARKER, this machine's
# paths and ports in place of the documented ones.
block() {
    local text i
    text=$(awk -v marker="$1" -v fence="^\`\`\`${2:-sh}" 'index($0, marker) == 1 {on = 1; next} on && $0 ~ fence {inside = 1; next} inside && /^```/ {exit} inside' "$GUIDE")
    [ -n "$text" ] || fail "no block after '$1' in $GUIDE"
    for ((i = 0; i < ${#SUBSTITUTIONS[@]}; i += 2)); do
        text=${text//"${SUBSTITUTIONS[i]}"/"${SUBSTITUTIONS[i + 1]}"}
    done
    printf '%s\n' "$text"
}

# Who sends the load: the guide's customer unless the script named another.
: "${LOAD_USER:=$CUSTOMER}" "${LOAD_PASSWORD_FILE:=$PASSWORD_FILE}"

# curl_as USER PASSWORD_FILE CURL_ARGUMENTS...: curl -s with BASIC, the password off the command line.
curl_as() { curl -s -K - "${@:3}" <<<"user = \"$1:$(head -1 "$2")\""; }

secret_file() { (umask 077; printf 'group-secret-%s-%s\n' "$1" "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')" > "$K/$1"); }
ask() {  # ask URL: the answer of one token request as the customer, status on the last line
    curl_as "$CUSTOMER" "$PASSWORD_FILE" -w '\n%{http_code}' -X POST "$1"
}
signed_by() { node "$ROOT/src/test/cluster/signed-by.mjs" "$1" "$K/secret.old" "$K/secret.new"; }

# check_instances CONFIGURE_BLOCK: the block's curl lines, each instance answering as its comment
# says, with a token of the configured secret.
check_instances() {
    local url status answer waited
    while read -r url status; do
        # Seen once in CI (Payara group, beside the Payara Server tests): an instance refused
        # connections right after the block; said here, so that a recurrence shows in the log.
        waited=0
        until curl -s -o /dev/null --max-time 5 "${url%%/kustomer*}/"; do
            [ $waited -lt 30 ] || break
            sleep 1; waited=$((waited + 1))
        done
        [ $waited -eq 0 ] || say "NOTE: ${url%%/kustomer*} accepted no connection for $waited s after the guide's configure block"
        answer=$(ask "$url")
        [ "$(tail -1 <<<"$answer")" = "$status" ] || fail "$url answered $(tail -1 <<<"$answer"); the guide says $status"
        [ "$status" != 200 ] || [ "$(signed_by "$answer")" = secret.old ] || fail "$url: a token not signed with the group's secret: $answer"
    done < <(grep '^curl ' <<<"$1" | sed -n 's/.*\(http:[^ ]*\).*# *\([0-9][0-9][0-9]\).*/\1 \2/p')
    [ "$(grep -c '^curl ' <<<"$1")" = "${#INSTANCES[@]}" ] || fail "the guide's configure block should ask each of the ${#INSTANCES[@]} instances"
}

# start_haproxy: the guide's HAProxy file and one line more, X-Served-By, for the checks; ends
# after 25 minutes regardless.
start_haproxy() {
    block '<!-- group: haproxy' haproxy | sed 's/^\(    balance .*\)$/\1\n    http-response set-header X-Served-By %s/' > "$WORK/haproxy.cfg"
    grep -q 'X-Served-By' "$WORK/haproxy.cfg" || fail "the guide's HAProxy file has no balance line"
    haproxy -c -q -f "$WORK/haproxy.cfg" || fail "haproxy refuses its configuration"
    (exec setsid timeout 1500 haproxy -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 < /dev/null) &
    echo $! > "$WORK/haproxy.pid"
    local instance
    for instance in "${INSTANCES[@]}"; do await_state "$instance" UP 30 > /dev/null; done
    say "the guide's HAProxy on ${LB#http://} sees ${INSTANCES[*]} UP"
}
stop_haproxy() { [ ! -f "$WORK/haproxy.pid" ] || kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null || true; }
state() {  # state INSTANCE: UP, DOWN, ... as HAProxy sees it
    curl -s "$STATS" | awk -F, -v s="$1" '$1 == "kustomer-group" && $2 == s {print $18}'
}
await_state() {  # await_state INSTANCE STATE SECONDS: prints the seconds waited
    local waited=0
    until [[ $(state "$1") == "$2"* ]]; do
        [ $waited -lt "$3" ] || fail "HAProxy did not see ${1} $2 within $3 s (it sees: $(state "$1"))"
        sleep 1; waited=$((waited + 1))
    done
    echo "$waited"
}

# GROUP_BENCH=yes (benchmarks only, never in CI): the same wrk command against one instance
# straight and against HAProxy in front of all (docs/cluster.md). bench_if_asked [LABEL]: LABEL
# names what the caller set before (e.g. where the limits count) in the targets' names.
bench_if_asked() {
    [ "${GROUP_BENCH:-no}" = yes ] || return 0
    command -v wrk > /dev/null || fail "GROUP_BENCH=yes needs wrk (Debian: apt-get install wrk)"
    local one=one-instance${1:+-$1}
    BENCH_USER=$LOAD_USER BENCH_PASSWORD=$(head -1 "$LOAD_PASSWORD_FILE") bash "$ROOT/src/bench/http/wrk-bench.sh" \
        --warmup "${GROUP_BENCH_WARMUP:-60}" -d "${GROUP_BENCH_DURATION:-20s}" --repeat "${GROUP_BENCH_REPEAT:-2}" \
        --ref "$one" --ceiling "$one" --out "$WORK/bench${1:+-$1}" \
        "$one=http://127.0.0.1:${HTTP_PORTS[0]}$TOKENS" "haproxy-all-instances${1:+-$1}=$LB$TOKENS" \
        || fail "wrk-bench.sh"
}

# The load is paced (GROUP_LOAD_RATE requests a second; CI runs the checks beside server tests):
# a rotation still sees thousands of requests, and a killed instance dozens in flight.
load() {  # load NAME CONCURRENCY MAX_SECONDS [SECRET_FILE...]: token-load.mjs in the background
    local name=$1 concurrency=$2 seconds=$3; shift 3
    rm -f "$WORK/$name.stop" "$WORK/$name.mark"
    RATE=${GROUP_LOAD_RATE:-400} node "$ROOT/src/test/cluster/token-load.mjs" "$LB$TOKENS" "$LOAD_USER" "$LOAD_PASSWORD_FILE" \
        "$concurrency" "$seconds" "$WORK/$name.stop" "$WORK/$name.mark" "$@" > "$WORK/$name.json" 2> "$WORK/$name.err" &
    echo $! > "$WORK/$name.pid"
}
finish() {  # finish NAME: stop it, wait for it (in this shell: its parent), its summary into summary
    touch "$WORK/$1.stop"
    wait "$(cat "$WORK/$1.pid")" || { cat "$WORK/$1.err"; fail "the load client $1 failed"; }
    summary=$(cat "$WORK/$1.json")
}
field() { node -e 'const r = JSON.parse(process.argv[1]); const v = eval("r." + process.argv[2]); console.log(typeof v === "object" ? JSON.stringify(v) : v)' "$1" "$2"; }

# 2. The guide's rotate block under load through the load balancer.
check_rotation() {
    load rotation 32 300 "$K/secret.old" "$K/secret.new"
    sleep 3
    local started=$SECONDS
    eval "$(block '<!-- group: rotate')" > "$WORK/rotate.log" 2>&1 || { cat "$WORK/rotate.log"; fail "the guide's rotate block"; }
    touch "$WORK/rotation.mark"
    say "the guide's rotate block (rotate-secret.sh) returned after $((SECONDS - started)) s"
    sleep 5
    finish rotation
    [ "$(field "$summary" requests)" -ge 2000 ] || fail "only $(field "$summary" requests) requests across the rotation: $summary"
    [ "$(field "$summary" failed)" = '{}' ] || fail "requests failed across the rotation: $summary"
    [ "$(field "$summary" signedByNone)" = 0 ] || fail "tokens signed by neither or both secrets: $summary"
    [ "$(field "$summary" oldAfterMark)" = 0 ] || fail "tokens signed with the old secret after rotate-secret.sh returned: $summary"
    [ "$(field "$summary" 'signedBy["secret.new"]')" != undefined ] || fail "no token signed with the new secret: $summary"
    say "2. rotation: $summary"
}

# 3. An instance that cannot sign leaves the rotation; no caller sees its 503.
check_readiness() {
    local instance=${INSTANCES[0]} broken_at down_after up_after
    load readiness 16 300
    sleep 2
    broken_at=$SECONDS
    break_one "$instance"
    down_after=$(await_state "$instance" DOWN 90)
    sleep 5
    mend_one "$instance"
    up_after=$(await_state "$instance" UP 90)
    sleep 2
    finish readiness
    [ "$(field "$summary" failed)" = '{}' ] || fail "callers got errors while $instance could not sign: $summary"
    say "3. readiness: $instance DOWN in HAProxy ${down_after} s after its secret broke, UP ${up_after} s after it was mended; $(( SECONDS - broken_at )) s of load: $summary"
}

# 4. An instance killed under load, then started again.
check_kill() {
    local victim=${INSTANCES[-1]} killed_at rejoined served=""
    load kill 32 300
    sleep 5
    kill_one "$victim"
    killed_at=$SECONDS
    await_state "$victim" DOWN 30 > /dev/null
    sleep 5
    finish kill
    say "4. SIGKILL of $victim under load (32 connections): $summary"
    [ "$(field "$summary" ok)" -gt 0 ] || fail "no request succeeded while $victim was down"
    start_one "$victim"
    rejoined=$(await_state "$victim" UP 180)
    for _ in 1 2 3 4; do
        served+=$(curl_as "$LOAD_USER" "$LOAD_PASSWORD_FILE" -D - -o /dev/null -X POST "$LB$TOKENS" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p')" "
    done
    [[ $served == *"$victim"* ]] || fail "$victim is UP in HAProxy but served none of 4 requests: $served"
    say "4. $victim rejoined: UP in HAProxy $((SECONDS - killed_at)) s after the kill (${rejoined} s after it was started); 4 requests served by: $served"
}

# 5. check_group_limit DELEGATE PASSWORD_FILE PER_MINUTE: the delegate asks through HAProxy (round
# robin: every instance) for twice its limit, each request naming another customer, as fast as
# answers come. With the limit counted for the group it gets the limit (plus what refilled
# meanwhile) and no more; counted per instance it would get up to the limit from each.
check_group_limit() {
    local asked=$(( $3 * 2 )) i answer status by ok=0 refused=0 other="" served="" started
    started=$(date +%s%N)
    for ((i = 1; i <= asked; i++)); do
        answer=$(curl_as "$1" "$2" -D - -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
                 --data "{\"externalId\":\"group-limit-$i\"}" "$LB$TOKENS" | tr -d '\r')
        status=$(tail -1 <<<"$answer")
        by=$(sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p' <<<"$answer")
        case "$status" in
            200) ok=$((ok + 1)); [[ " $served " == *" $by "* ]] || served+=" $by" ;;
            429) refused=$((refused + 1)) ;;
            *) other+=" $status" ;;
        esac
    done
    local seconds=$(( ($(date +%s%N) - started) / 1000000000 + 1 ))
    local most=$(( $3 + ($3 * seconds + 59) / 60 ))
    [ -z "$other" ] || fail "the delegate's requests got answers other than 200 and 429:$other"
    [ "$ok" -ge "$3" ] || fail "the delegate got $ok tokens of a limit of $3 a minute"
    [ "$ok" -le "$most" ] || ! declare -F explain_group_limit > /dev/null || explain_group_limit
    [ "$ok" -le "$most" ] || fail "the delegate got $ok tokens in ${seconds} s from the group; its limit is $3 a minute (at most $most with the refill)"
    [ "$(wc -w <<<"$served")" = "${#INSTANCES[@]}" ] || fail "tokens came from$served only, not from every instance"
    say "5. a delegate's limit for the group ($3 a minute): $asked asked through HAProxy in ${seconds} s, $ok issued (by$served), $refused answered 429"
}

# The guide's bearer block, against the tests' Keycloak (started, or reused when it runs), then
# alice's access token through HAProxy until every instance has answered: a token of the group's
# secret (secret.old: before the rotation check) from each.
readonly KEYCLOAK_HOME=$ROOT/target/servers/keycloak-26.7.3 OIDC_ISSUER=http://127.0.0.1:18180/realms/kustomer
BEARER_TOKENS=/kustomer-bearer/api/v1/tokens
check_bearer() {
    local access answer by served="" waited=0
    [ -d "$KEYCLOAK_HOME" ] || fail "no Keycloak at $KEYCLOAK_HOME for the bearer check (the build unpacks it: ./mvnw -B verify; or GROUP_CHECKS without bearer)"
    curl -sf -o /dev/null "$OIDC_ISSUER/.well-known/openid-configuration" || KEYCLOAK_STARTED=yes
    bash "$ROOT/src/test/servers/keycloak.sh" start "$KEYCLOAK_HOME" > "$WORK/keycloak.log" 2>&1 \
        || { cat "$WORK/keycloak.log"; fail "no Keycloak for the guide's bearer block"; }
    eval "$(block '<!-- group: bearer')" > "$WORK/bearer.log" 2>&1 || { cat "$WORK/bearer.log"; fail "the guide's bearer block"; }
    access=$(bash "$ROOT/src/test/servers/keycloak.sh" access-token "$KEYCLOAK_HOME" alice) || fail "no access token for alice"
    while [ "$(wc -w <<<"$served")" -lt "${#INSTANCES[@]}" ]; do
        answer=$(curl -s -D - -w '\n%{http_code}' -X POST -K - "$LB$BEARER_TOKENS" <<<"header = \"Authorization: Bearer $access\"" | tr -d '\r')
        if [ "$(tail -1 <<<"$answer")" != 200 ]; then
            [ $waited -lt 30 ] || fail "alice's access token through HAProxy, 30 s after the guide's bearer block: $(tail -2 <<<"$answer")"
            sleep 1; waited=$((waited + 1)); continue
        fi
        [ "$(signed_by "$(grep '^{' <<<"$answer")")" = secret.old ] || fail "a bearer token not signed with the group's secret: $answer"
        by=$(sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p' <<<"$answer")
        [[ " $served " == *" $by "* ]] || served+=" $by"
    done
    say "bearer: alice's access token got tokens of the group's secret through HAProxy from$served"
}
stop_keycloak() { [ -z "${KEYCLOAK_STARTED:-}" ] || bash "$ROOT/src/test/servers/keycloak.sh" stop-now "$KEYCLOAK_HOME" > /dev/null 2>&1 || true; }

# After the guide's restore block: no instance serves tokens, with a password or an access token.
check_restored() {
    local i status path
    for i in "${!INSTANCES[@]}"; do
        for path in "$TOKENS" "$BEARER_TOKENS"; do
            status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:${HTTP_PORTS[$i]}$path") \
                || fail "${INSTANCES[$i]} does not answer on ${HTTP_PORTS[$i]} after restore.sh (curl exit code $?)"
            [ "$status" = 404 ] || fail "${INSTANCES[$i]} still answers $status on $path after restore.sh"
        done
    done
    say "restore.sh: both applications are gone from every instance"
}
