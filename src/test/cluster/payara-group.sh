#!/usr/bin/env bash
# server-config/payara/GROUP.md as written: a Payara Server deployment group of two instances
# behind HAProxy, on loopback:
#   payara-group.sh PAYARA_HOME WAR
# The guide's blocks run as written but for this machine's paths and the DAS (a domain of its own,
# port base 23000: admin 23048, in place of domain1 and 4848); the guide's own ports stay: the
# instances' HTTP 28180 and 28280, their data grid 28910 up, the DAS's 28900, HAProxy 28000 (its
# stats 28001). HAProxy gets one line more than the guide's file, X-Served-By, for the checks.
# It checks that both instances serve tokens signed with the secret configure.sh gave the group
# (and keep it in alias stores of mode 600), then group-checks.sh's checks through HAProxy
# (rotation under load, an instance that cannot sign, an instance killed under load, a delegate's
# limit counted for the group in Payara's data grid), then the
# guide's restore.sh. Everything it started is stopped however it ends; the domain and HAProxy
# end after 25 minutes regardless.
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
readonly TOKENS=/kustomer/api/v1/tokens CUSTOMER=alice@example.com LABEL=payara-group
readonly PASSWORD_FILE=$K/passwords/$CUSTOMER.password DELEGATE=bff DELEGATE_LIMIT=60
readonly SUBSTITUTIONS=(/etc/kustomer "$K" /path/to/kustomer.war "$WAR" /path/to/kustomer-bearer.war "${WAR%.war}-bearer.war"
                        https://HOST/realms/REALM http://127.0.0.1:18180/realms/kustomer /opt/payara6 "$PAYARA_HOME"
                        "--port 4848" "--port $ADMIN_PORT" domain1 "$DOMAIN")
source "$ROOT/src/test/cluster/group-checks.sh"
trap 'say "FAILED: line $LINENO: $BASH_COMMAND"' ERR
quiet() { "${A[@]}" "$@" > "$WORK/asadmin.out" 2>&1 || { cat "$WORK/asadmin.out"; fail "asadmin $1"; }; }

# --- stopped whatever happens -----------------------------------------------------------------
stop_all() {
    local status=$?
    if [ "$status" -ne 0 ]; then  # what the instances and the DAS say, before they are deleted
        "${A[@]}" list-instances 2>&1 | head -5 || true
        for log in "$NODE_DIR"/*/logs/server.log "$PAYARA_HOME/glassfish/domains/$DOMAIN/logs/server.log"; do
            [ ! -f "$log" ] || { echo "--- $log"; grep -E '^\[20|SEVERE|Exception|Error' "$log" | grep -v 'INFO\]' | tail -15 | cut -c1-300; }
        done
    fi
    stop_haproxy
    stop_keycloak
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
# What a run stopped the hard way left behind.
"$ASADMIN" delete-domain "$DOMAIN" > /dev/null 2>&1 || true; rm -rf "$NODE_DIR"

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
secret_file secret; secret_file secret.new
cp -p "$K/secret" "$K/secret.old"
(umask 077; printf '%s kustomer-customer\n%s kustomer-token-delegate\n' "$CUSTOMER" "$DELEGATE" > "$K/users"
 printf '%s-password\n' "$CUSTOMER" > "$PASSWORD_FILE"
 printf '%s-password\n' "$DELEGATE" > "$K/passwords/$DELEGATE.password")
# The load: hundreds of requests a second as one customer, whose limit is far above that but
# counted: with the guide's limits block (the scope: group) every request takes from the
# customer's bucket in the data grid, so checks 2-4 (the kill of a grid member too) have the grid
# in their path. A delegate gets DELEGATE_LIMIT tokens a minute (check 5).
readonly LOAD_LIMIT=1000000000
set_limit() { quiet set-config-property --source=domain --target="$CONFIG" --propertyname="$1" --propertyvalue="$2"; }
set_limit kustomer.limit.customer.tokens-per-minute "$LOAD_LIMIT"
set_limit kustomer.limit.delegate.tokens-per-minute "$DELEGATE_LIMIT"
bash -euo pipefail -c "$(block '<!-- group: limits')" > "$WORK/limits.log" 2>&1 || { cat "$WORK/limits.log"; fail "the guide's limits block"; }
cd "$ROOT"
configure_block=$(block '<!-- group: configure')
eval "$(grep -v '^curl ' <<<"$configure_block")" > "$WORK/configure.log" 2>&1 || { cat "$WORK/configure.log"; fail "the guide's configure block"; }
say "the guide's configure block: done (KUSTOMER_TARGET=$KUSTOMER_TARGET)"
check_instances "$configure_block"
for i in 0 1; do
    f=$NODE_DIR/${INSTANCES[$i]}/config/domain-passwords
    [ "$(stat -c %a "$f")" = 600 ] || fail "${INSTANCES[$i]}'s config/domain-passwords has mode $(stat -c %a "$f"); it holds the secret"
done
say "1. both instances sign with the group's secret; their alias stores are mode 600"

# --- through the guide's HAProxy -------------------------------------------------------------
start_haproxy
# GROUP_BENCH=yes: each limit scope in turn, one customer counted (so its bucket is taken every
# time) after the group's config cache (5 s) has passed; then back to the checks' scope.
if [ "${GROUP_BENCH:-no}" = yes ]; then
    for scope in ${GROUP_BENCH_SCOPES:-instance group}; do
        set_limit kustomer.limit.scope "$scope"
        sleep 7
        bench_if_asked "limits-per-$scope"
    done
    set_limit kustomer.limit.scope group
    sleep 7
fi
break_one() {  # a secret too short on this instance only (its server-level MicroProfile Config source)
    quiet set-config-property --source=server --sourcename="$1" --target="$1" --propertyname=kustomer.secret --propertyvalue=too-short
}
mend_one() { quiet delete-config-property --source=server --sourcename="$1" --target="$1" --propertyname=kustomer.secret; }
kill_one() { kill -9 "$(cat "$NODE_DIR/$1/config/pid")"; }
start_one() { quiet start-instance "$1"; }
checking bearer && check_bearer
checking rotation && check_rotation
checking readiness && check_readiness
checking kill && check_kill
# The instance the kill check started again: it copied the alias store from the DAS anew, with its
# process's umask, and the logging configuration with the audit handler (GROUP.md).
if checking kill; then
    f=$NODE_DIR/${INSTANCES[1]}/config/domain-passwords
    [ "$(stat -c %a "$f")" = 600 ] || fail "${INSTANCES[1]}'s config/domain-passwords has mode $(stat -c %a "$f") after its restart"
    audit=$NODE_DIR/${INSTANCES[1]}/logs/kustomer-audit.log
    grep -q '"outcome":"issued"' "$audit" || fail "${INSTANCES[1]}'s own audit file has no issued token after its restart: $audit"
    [ "$(stat -c %a "$audit")" = 600 ] || fail "${INSTANCES[1]}'s audit file has mode $(stat -c %a "$audit")"
    say "4. ${INSTANCES[1]} after its start: its alias store mode 600, and its own audit file (mode 600) holds issued tokens"
fi
explain_group_limit() {  # what the data grid and the instances' logs say, when check 5 fails
    "${A[@]}" list-hazelcast-cluster-members 2>&1 | head -20
    grep -h -i -E 'Members \{|kustomer.limit|cache' "$NODE_DIR"/*/logs/server.log | tail -30
}
checking limit && check_group_limit "$DELEGATE" "$K/passwords/$DELEGATE.password" "$DELEGATE_LIMIT"

# --- the guide's restore.sh gives the group back ----------------------------------------------------------
eval "$(block '<!-- group: restore')" > "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; fail "the guide's restore block"; }
check_restored
! grep -q '^io.kustomertoken.audit.handlers=' "$PAYARA_HOME/glassfish/domains/$DOMAIN/config/$CONFIG/logging.properties" \
    || fail "restore.sh left the audit handler in $CONFIG's logging.properties"
say "passed in $((SECONDS - started)) s"
