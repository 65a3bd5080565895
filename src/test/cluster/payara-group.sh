#!/usr/bin/env bash
# server-config/payara/GROUP.md as written: a Payara Server deployment group of two instances
# behind HAProxy, on loopback:
#   payara-group.sh PAYARA_HOME WAR
# The guide's blocks run as written but for this machine's paths and the DAS (a domain of its own,
# port base 23000: admin 23048, in place of domain1 and 4848); the guide's own ports stay: the
# instances' HTTP 28180 and 28280, their data grid 28910 up, the DAS's 28900, HAProxy 28000 (its
# stats 28001). HAProxy gets one line more than the guide's file, X-Served-By, for the checks.
# Through HAProxy it checks:
#   1. both instances serve tokens signed with the secret configure.sh gave the group;
#   2. the guide's rotation under load: no request fails, each token is signed by the old xor the
#      new secret, and every token asked for after rotate-secret.sh returned by the new one;
#   3. an instance whose secret breaks (too short, on that instance only) leaves the rotation and
#      no caller gets its 503; it comes back when mended;
#   4. SIGKILL of an instance under load: the requests that fail are counted (HAProxy retries a
#      request whose connection failed or brought no answer), and the instance rejoins after
#      start-instance;
# then the guide's restore.sh. Everything it started is stopped however it ends; the domain and
# HAProxy end after 25 minutes regardless.
set -Eeuo pipefail

readonly PAYARA_HOME=$(cd "${1:?Payara installation}" && pwd)
readonly WAR=$(cd "$(dirname "${2:?WAR}")" && pwd)/$(basename "$2")
readonly ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
readonly WORK=$(mktemp -d "${TMPDIR:-/tmp}/kustomer-group.XXXXXX")
readonly DOMAIN=kustomer-group-domain GROUP=kustomer-group CONFIG=kustomer-group-config
readonly INSTANCES=(kustomer-1 kustomer-2) HTTP_PORTS=(28180 28280)
readonly ADMIN_PORT=23048 LB=http://127.0.0.1:28000 STATS='http://127.0.0.1:28001/stats;csv'
readonly GUIDE=$ROOT/server-config/payara/GROUP.md K=$WORK/etc-kustomer
readonly ASADMIN=$PAYARA_HOME/bin/asadmin
readonly A=("$ASADMIN" --interactive=false --host 127.0.0.1 --port "$ADMIN_PORT")
readonly NODE_DIR=$PAYARA_HOME/glassfish/nodes/localhost-$DOMAIN
readonly TOKENS=/kustomer/api/v1/tokens CUSTOMER=alice@example.com

say() { echo "[payara-group $(date +%T)] $*"; }
fail() { say "FAILED: $*"; exit 1; }
trap 'say "FAILED: line $LINENO: $BASH_COMMAND"' ERR
quiet() { "${A[@]}" "$@" > "$WORK/asadmin.out" 2>&1 || { cat "$WORK/asadmin.out"; fail "asadmin $1"; }; }

# --- stopped whatever happens -----------------------------------------------------------------
stop_all() {
    [ ! -f "$WORK/haproxy.pid" ] || kill "$(cat "$WORK/haproxy.pid")" 2>/dev/null || true
    [ ! -f "$WORK/watchdog" ] || kill -- -"$(cat "$WORK/watchdog")" 2>/dev/null || true
    local instance
    for instance in "${INSTANCES[@]}"; do
        [ ! -f "$NODE_DIR/$instance/config/pid" ] || kill -9 "$(cat "$NODE_DIR/$instance/config/pid")" 2>/dev/null || true
    done
    timeout 120 "$ASADMIN" stop-domain "$DOMAIN" > /dev/null 2>&1 || true
    "$ASADMIN" delete-domain "$DOMAIN" > /dev/null 2>&1 || true
    rm -rf "$NODE_DIR" "$WORK"
}
trap stop_all EXIT
command -v haproxy > /dev/null || fail "haproxy is not installed (Debian: apt-get install haproxy)"
stop_all_before() { "$ASADMIN" delete-domain "$DOMAIN" > /dev/null 2>&1 || true; rm -rf "$NODE_DIR"; }
stop_all_before
mkdir -p "$WORK"

# block MARKER [FENCE]: the block after the guide's line that starts with MARKER, this
# machine's paths and DAS in place of the documented ones.
block() {
    local text
    text=$(awk -v marker="$1" -v fence="^\`\`\`${2:-sh}" 'index($0, marker) == 1 {on = 1; next} on && $0 ~ fence {inside = 1; next} inside && /^```/ {exit} inside' "$GUIDE")
    [ -n "$text" ] || fail "no block after '$1' in $GUIDE"
    text=${text//\/etc\/kustomer/$K}
    text=${text//\/path\/to\/kustomer.war/$WAR}
    text=${text//\/opt\/payara6/$PAYARA_HOME}
    text=${text//--port 4848/--port $ADMIN_PORT}
    text=${text//domain1/$DOMAIN}
    printf '%s\n' "$text"
}

# --- the guide's set-up: the group, loopback only ---------------------------------------------
started=$SECONDS
"$ASADMIN" --interactive=false create-domain --portbase 23000 --nopassword "$DOMAIN" > "$WORK/create-domain.log"
setsid bash -c "sleep 1500; kill \$(cat '$PAYARA_HOME/glassfish/domains/$DOMAIN/config/pid') \$(cat '$NODE_DIR'/*/config/pid) 2>/dev/null" > /dev/null 2>&1 < /dev/null &
echo $! > "$WORK/watchdog"
export ASADMIN ASADMIN_OPTS="--host 127.0.0.1 --port $ADMIN_PORT"
bash -euo pipefail -c "$(block '<!-- group: set-up')" > "$WORK/set-up.log" 2>&1 < /dev/null \
    || { cat "$WORK/set-up.log"; fail "the guide's set-up block"; }
for port in $(ss -ltnpH 2>/dev/null | grep java | awk '{print $4}' | grep -E ':2[38][0-9]{3}$' || true); do
    [[ $port == 127.0.0.1:* || $port == "[::ffff:127.0.0.1]:"* ]] || fail "the group listens on $port"
done
for port in 28180 28280 28900 28910; do
    ss -ltnH | awk '{print $4}' | grep -q ":$port$" || fail "nothing listens on $port after the guide's set-up"
done
say "domain, group $GROUP and its instances ${INSTANCES[*]} up after $((SECONDS - started)) s; every port on loopback"

# --- the guide's configure block ---------------------------------------------------------------
install -d -m 700 "$K" "$K/passwords"
secret_file() { (umask 077; printf 'group-secret-%s-%s\n' "$1" "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')" > "$K/$1"); }
secret_file secret; secret_file secret.new
cp -p "$K/secret" "$K/secret.old"
(umask 077; printf '%s kustomer-customer\n' "$CUSTOMER" > "$K/users"
 printf '%s-password\n' "$CUSTOMER" > "$K/passwords/$CUSTOMER.password")
# Hundreds of requests a second as one customer, far above the default limit (20 a minute).
quiet set-config-property --source=domain --target="$CONFIG" --propertyname=kustomer.limit.customer.tokens-per-minute --propertyvalue=100000000
cd "$ROOT"
configure_block=$(block '<!-- group: configure')
eval "$(grep -v '^curl ' <<<"$configure_block")" > "$WORK/configure.log" 2>&1 || { cat "$WORK/configure.log"; fail "the guide's configure block"; }
say "the guide's configure block: done (KUSTOMER_TARGET=$KUSTOMER_TARGET)"
ask() {  # ask URL: the answer of one token request as the customer, status on the last line
    curl -s -w '\n%{http_code}' -K - -X POST "$1" <<<"user = \"$CUSTOMER:$CUSTOMER-password\""
}
signed_by() {  # signed_by ANSWER: the secret file that signed its token, or nothing
    node -e '
        const [answer, dir] = process.argv.slice(1);
        const token = (answer.match(/"token":"([^"]+)"/) || [])[1] || "..";
        const [h, p, s] = token.split(".");
        for (const name of ["secret.old", "secret.new"]) {
            const key = require("fs").readFileSync(dir + "/" + name, "utf8").split("\n")[0];
            if (require("crypto").createHmac("sha256", key).update(h + "." + p).digest("base64url") === s) console.log(name);
        }' "$1" "$K"
}
# The guide's curl lines: each instance answers as the comment says, with a token of the secret.
while read -r url status; do
    answer=$(ask "$url")
    [ "$(tail -1 <<<"$answer")" = "$status" ] || fail "$url answered $(tail -1 <<<"$answer"); the guide says $status"
    [ "$status" != 200 ] || [ "$(signed_by "$answer")" = secret.old ] || fail "$url: a token not signed with the group's secret: $answer"
done < <(grep '^curl ' <<<"$configure_block" | sed -n 's/.*\(http:[^ ]*\).*# *\([0-9][0-9][0-9]\).*/\1 \2/p')
[ "$(grep -c '^curl ' <<<"$configure_block")" = 2 ] || fail "the guide's configure block should ask each of the two instances"
for i in 0 1; do
    f=$NODE_DIR/${INSTANCES[$i]}/config/domain-passwords
    [ "$(stat -c %a "$f")" = 600 ] || fail "${INSTANCES[$i]}'s config/domain-passwords has mode $(stat -c %a "$f"); it holds the secret"
done
say "1. both instances sign with the group's secret; their alias stores are mode 600"

# --- the guide's HAProxy in front, checking each instance's readiness --------------------------
block '<!-- group: haproxy' haproxy | sed 's/^\(    balance .*\)$/\1\n    http-response set-header X-Served-By %s/' > "$WORK/haproxy.cfg"
grep -q 'X-Served-By' "$WORK/haproxy.cfg" || fail "the guide's HAProxy file has no balance line"
haproxy -c -q -f "$WORK/haproxy.cfg" || fail "haproxy refuses its configuration"
(exec setsid timeout 1500 haproxy -db -f "$WORK/haproxy.cfg" > "$WORK/haproxy.log" 2>&1 < /dev/null) &
echo $! > "$WORK/haproxy.pid"
state() {  # state INSTANCE: UP, DOWN, ... as HAProxy sees it
    curl -s "$STATS" | awk -F, -v s="$1" '$1 == "kustomer-group" && $2 == s {print $18}'
}
await_state() {  # await_state INSTANCE STATE SECONDS
    local waited=0
    until [[ $(state "$1") == "$2"* ]]; do
        [ $waited -lt "$3" ] || fail "HAProxy did not see ${1} $2 within $3 s (it sees: $(state "$1"))"
        sleep 1; waited=$((waited + 1))
    done
    echo "$waited"
}
for instance in "${INSTANCES[@]}"; do await_state "$instance" UP 30 > /dev/null; done
say "the guide's HAProxy on 127.0.0.1:28000 sees both instances UP"

# GROUP_BENCH=yes (benchmarks only, never in CI): the same wrk command against one instance
# straight and against HAProxy in front of both (docs/cluster.md), before the checks below.
if [ "${GROUP_BENCH:-no}" = yes ]; then
    command -v wrk > /dev/null || fail "GROUP_BENCH=yes needs wrk (Debian: apt-get install wrk)"
    BENCH_USER=$CUSTOMER BENCH_PASSWORD=$CUSTOMER-password bash "$ROOT/src/bench/http/wrk-bench.sh" \
        --warmup "${GROUP_BENCH_WARMUP:-60}" -d "${GROUP_BENCH_DURATION:-20s}" --repeat "${GROUP_BENCH_REPEAT:-2}" \
        --ref one-instance --ceiling one-instance --out "$WORK/bench" \
        "one-instance=http://127.0.0.1:${HTTP_PORTS[0]}$TOKENS" "haproxy-two-instances=$LB$TOKENS" \
        || fail "wrk-bench.sh"
fi

# The checks' load is paced (GROUP_LOAD_RATE requests a second; CI runs them beside the Payara
# Server tests): a rotation still sees thousands of requests, and a killed instance dozens in flight.
load() {  # load NAME CONCURRENCY MAX_SECONDS [SECRET_FILE...]: token-load.mjs in the background
    local name=$1 concurrency=$2 seconds=$3; shift 3
    rm -f "$WORK/$name.stop" "$WORK/$name.mark"
    RATE=${GROUP_LOAD_RATE:-400} node "$ROOT/src/test/cluster/token-load.mjs" "$LB$TOKENS" "$CUSTOMER" "$K/passwords/$CUSTOMER.password" \
        "$concurrency" "$seconds" "$WORK/$name.stop" "$WORK/$name.mark" "$@" > "$WORK/$name.json" 2> "$WORK/$name.err" &
    echo $! > "$WORK/$name.pid"
}
finish() {  # finish NAME: stop it, wait for it (in this shell: its parent), its summary into summary
    touch "$WORK/$1.stop"
    wait "$(cat "$WORK/$1.pid")" || { cat "$WORK/$1.err"; fail "the load client $1 failed"; }
    summary=$(cat "$WORK/$1.json")
}
field() { node -e 'const r = JSON.parse(process.argv[1]); const v = eval("r." + process.argv[2]); console.log(typeof v === "object" ? JSON.stringify(v) : v)' "$1" "$2"; }

# --- 2. rotation through the load balancer, under load ----------------------------------------
load rotation 32 300 "$K/secret.old" "$K/secret.new"
sleep 3
rotation_started=$SECONDS
eval "$(block '<!-- group: rotate')" > "$WORK/rotate.log" 2>&1 || { cat "$WORK/rotate.log"; fail "the guide's rotate block"; }
touch "$WORK/rotation.mark"
say "the guide's rotate block (rotate-secret.sh) returned after $((SECONDS - rotation_started)) s"
sleep 5
finish rotation
[ "$(field "$summary" requests)" -ge 2000 ] || fail "only $(field "$summary" requests) requests across the rotation: $summary"
[ "$(field "$summary" failed)" = '{}' ] || fail "requests failed across the rotation: $summary"
[ "$(field "$summary" signedByNone)" = 0 ] || fail "tokens signed by neither or both secrets: $summary"
[ "$(field "$summary" oldAfterMark)" = 0 ] || fail "tokens signed with the old secret after rotate-secret.sh returned: $summary"
[ "$(field "$summary" 'signedBy["secret.new"]')" != undefined ] || fail "no token signed with the new secret: $summary"
say "2. rotation: $summary"

# --- 3. an instance that cannot sign leaves the rotation --------------------------------------
# A secret too short on the first instance only (its server-level MicroProfile Config source).
load readiness 16 300
sleep 2
broken_at=$SECONDS
quiet set-config-property --source=server --sourcename="${INSTANCES[0]}" --target="${INSTANCES[0]}" \
    --propertyname=kustomer.secret --propertyvalue=too-short
down_after=$(await_state "${INSTANCES[0]}" DOWN 90)
sleep 5
quiet delete-config-property --source=server --sourcename="${INSTANCES[0]}" --target="${INSTANCES[0]}" --propertyname=kustomer.secret
up_after=$(await_state "${INSTANCES[0]}" UP 90)
sleep 2
finish readiness
[ "$(field "$summary" failed)" = '{}' ] || fail "callers got errors while ${INSTANCES[0]} could not sign: $summary"
say "3. readiness: ${INSTANCES[0]} DOWN in HAProxy ${down_after} s after its secret broke, UP ${up_after} s after it was mended; $(( SECONDS - broken_at )) s of load: $summary"

# --- 4. an instance killed under load ---------------------------------------------------------
load kill 32 300
sleep 5
victim=${INSTANCES[1]}
kill -9 "$(cat "$NODE_DIR/$victim/config/pid")"
killed_at=$SECONDS
await_state "$victim" DOWN 30 > /dev/null
sleep 5
finish kill
say "4. SIGKILL of $victim under load (32 connections): $summary"
[ "$(field "$summary" ok)" -gt 0 ] || fail "no request succeeded while $victim was down"
quiet start-instance "$victim"
rejoined=$(await_state "$victim" UP 180)
served=""
for _ in 1 2 3 4; do
    served+=$(curl -s -D - -o /dev/null -K - -X POST "$LB$TOKENS" <<<"user = \"$CUSTOMER:$CUSTOMER-password\"" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p')" "
done
[[ $served == *"$victim"* ]] || fail "$victim is UP in HAProxy but served none of 4 requests: $served"
say "4. $victim rejoined: UP in HAProxy $((SECONDS - killed_at)) s after the kill (${rejoined} s after start-instance); 4 requests served by: $served"

# --- the guide's restore.sh gives the group back ----------------------------------------------------------
eval "$(block '<!-- group: restore')" > "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; fail "the guide's restore block"; }
for i in 0 1; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:${HTTP_PORTS[$i]}$TOKENS")
    [ "$status" = 404 ] || fail "${INSTANCES[$i]} still answers $status on $TOKENS after restore.sh"
done
say "restore.sh: the application is gone from both instances"
say "passed in $((SECONDS - started)) s"
