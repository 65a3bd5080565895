#!/usr/bin/env bash
# server-config/wildfly/DOMAIN.md as written: a WildFly managed domain's server group of two
# servers behind HAProxy, on loopback:
#   wildfly-domain.sh WILDFLY_HOME WAR
# The guide's blocks run as written on a copy of WILDFLY_HOME (made anew each run, deleted at the
# end), with this machine's paths for /opt/wildfly, /etc/kustomer and the WAR; the guide's ports
# stay: the domain controller's management 29990, the process controller 29998, the servers' HTTP
# 29080 and 29180, HAProxy 29000 (its stats 29001). HAProxy gets one line more than the guide's
# file, X-Served-By, for the checks.
# It checks that both servers serve tokens signed with the secret configure.sh gave the group,
# then the guide's limits block (the limits count for the group, in an Infinispan cache of the
# group), group-checks.sh's checks through HAProxy with that cache in every request's path (the
# guide's bearer block against the tests' Keycloak, rotation under load, a server that cannot
# sign, a server killed under load, a delegate's limit for the group), then the guide's
# restore.sh. Everything it started is stopped however it ends (Keycloak only if it started it);
# the domain and HAProxy end after 20 minutes regardless.
set -Eeuo pipefail

readonly SOURCE_HOME=$(cd "${1:?WildFly installation}" && pwd)
readonly WAR=$(cd "$(dirname "${2:?WAR}")" && pwd)/$(basename "$2")
readonly ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
readonly WORK=$(mktemp -d "${TMPDIR:-/tmp}/kustomer-domain.XXXXXX")
readonly WILDFLY_HOME=$WORK/wildfly GROUP=kustomer-group
readonly INSTANCES=(kustomer-1 kustomer-2) HTTP_PORTS=(29080 29180)
readonly LB=http://127.0.0.1:29000 STATS='http://127.0.0.1:29001/stats;csv' CONTROLLER_ADDRESS=127.0.0.1:29990
readonly GUIDE=$ROOT/server-config/wildfly/DOMAIN.md K=$WORK/etc-kustomer
readonly TOKENS=/kustomer/api/v1/tokens CUSTOMER=alice@example.com LABEL=wildfly-domain
readonly PASSWORD_FILE=$K/$CUSTOMER.password
# The load: a person's password costs bcrypt on WildFly (about 20 tokens a second on 2 cores), so the
# checks' load comes from a customer with a generated credential (add-service-account.sh: salted
# SHA-512), added after the guide's configure block.
readonly LOAD_USER=load-customer LOAD_PASSWORD_FILE=$K/load-customer.credential
readonly DELEGATE=group-delegate DELEGATE_LIMIT=60
readonly SUBSTITUTIONS=(/etc/kustomer "$K" /path/to/kustomer.war "$WAR" /path/to/kustomer-bearer.war "${WAR%.war}-bearer.war"
                        https://HOST/realms/REALM http://127.0.0.1:18180/realms/kustomer /opt/wildfly "$WILDFLY_HOME")
source "$ROOT/src/test/cluster/group-checks.sh"
trap 'say "FAILED: line $LINENO: $BASH_COMMAND"' ERR

# management OPERATION: one operation on the domain controller.
management() {
    JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" timeout 120 "$WILDFLY_HOME/bin/jboss-cli.sh" -c \
        --controller="$CONTROLLER_ADDRESS" --command="$1" > "$WORK/cli.out" 2>&1 \
        || { cat "$WORK/cli.out"; fail "$1"; }
}

# --- stopped whatever happens: the domain runs in a process group of its own ----------------------
stop_all() {
    stop_haproxy
    stop_keycloak
    [ ! -f "$WORK/watchdog" ] || kill -- -"$(cat "$WORK/watchdog")" 2>/dev/null || true
    if [ -f "$WORK/domain.pgid" ]; then
        local group; group=$(cat "$WORK/domain.pgid")
        JAVA_OPTS="-XX:TieredStopAtLevel=1" timeout 30 "$WILDFLY_HOME/bin/jboss-cli.sh" -c --controller="$CONTROLLER_ADDRESS" \
            --command='/host=primary:shutdown' > /dev/null 2>&1 || true
        for _ in $(seq 20); do pgrep -g "$group" > /dev/null || break; sleep 1; done
        kill -KILL -- "-$group" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_all EXIT
command -v haproxy > /dev/null || fail "haproxy is not installed (Debian: apt-get install haproxy)"
for port in 29000 29001 29080 29180 29600 29650 29700 29750 29990 29998; do
    ! ss -ltnH | awk '{print $4}' | grep -q ":$port$" || fail "port $port is taken: a run before this one still runs?"
done

# --- the guide's set-up on a copy of the installation: the group, loopback only -------------------
started=$SECONDS
mkdir -p "$WILDFLY_HOME"
for f in "$SOURCE_HOME"/* "$SOURCE_HOME"/.[!.]*; do   # all but standalone/, which a domain does not use
    [ ! -e "$f" ] || [ "$(basename "$f")" = standalone ] || cp -a "$f" "$WILDFLY_HOME/"
done
rm -rf "$WILDFLY_HOME/domain/servers" "$WILDFLY_HOME/domain/data" "$WILDFLY_HOME/domain/log"
# setsid: the block and the domain.sh it starts in the background form a process group of their own.
setsid bash -euo pipefail -c "$(block '<!-- group: set-up')" > "$WORK/set-up.log" 2>&1 < /dev/null &
set_up=$!
echo "$set_up" > "$WORK/domain.pgid"
setsid bash -c "sleep 1200; kill -KILL -- -$set_up" > /dev/null 2>&1 < /dev/null &
echo $! > "$WORK/watchdog"
wait "$set_up" || { cat "$WORK/set-up.log"; fail "the guide's set-up block"; }
for _ in $(seq 120); do
    all=yes
    for port in "${HTTP_PORTS[@]}"; do curl -s -o /dev/null "http://127.0.0.1:$port/" || all=no; done
    [ "$all" = no ] || break
    pgrep -g "$set_up" > /dev/null || { cat "$WILDFLY_HOME/domain/log/console.log"; fail "domain.sh ended"; }
    sleep 1
done
[ "$all" = yes ] || { tail -50 "$WILDFLY_HOME/domain/log/console.log"; fail "the servers do not answer on ${HTTP_PORTS[*]} after 120 s"; }
pids=$(pgrep -g "$set_up" | paste -sd'|')
listening=$(ss -ltnpH | grep -E "pid=($pids)," | awk '{print $4}')
for port in $listening; do
    [[ $port == 127.0.0.1:* || $port == "[::ffff:127.0.0.1]:"* ]] || fail "the domain listens on $port"
done
say "domain, group $GROUP and its servers ${INSTANCES[*]} up after $((SECONDS - started)) s; every port on loopback: $(echo $listening)"

await_status() {  # await_status URL STATUS SECONDS
    local waited=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ]; do
        [ $waited -lt "$3" ] || fail "$1 did not answer $2 within $3 s"
        sleep 1; waited=$((waited + 1))
    done
}

# --- the guide's configure block ---------------------------------------------------------------
install -d -m 700 "$K"
secret_file secret; secret_file secret.new
cp -p "$K/secret" "$K/secret.old"
(umask 077; printf '%s-password\n' "$CUSTOMER" > "$PASSWORD_FILE")
# The load: hundreds of requests a second as one customer, whose limit is far above that but
# counted: with the guide's limits block every request takes from the customer's bucket in the
# group's cache, so checks 2-4 (the kill of a member of the group's JGroups channel too) have the
# cache in their path. A delegate gets DELEGATE_LIMIT tokens a minute (check 5).
management "/server-group=$GROUP/system-property=kustomer.limit.customer.tokens-per-minute:add(value=1000000000, boot-time=false)"
management "/server-group=$GROUP/system-property=kustomer.limit.delegate.tokens-per-minute:add(value=$DELEGATE_LIMIT, boot-time=false)"
cd "$ROOT"
configure_block=$(block '<!-- group: configure')
eval "$(grep -v '^curl ' <<<"$configure_block")" > "$WORK/configure.log" 2>&1 || { cat "$WORK/configure.log"; fail "the guide's configure block"; }
say "the guide's configure block: done (KUSTOMER_TARGET=$KUSTOMER_TARGET)"
check_instances "$configure_block"
keys=$WILDFLY_HOME/domain/configuration/kustomer-keys.cs
[ "$(stat -c %a "$keys")" = 600 ] || fail "kustomer-keys.cs has mode $(stat -c %a "$keys"); it holds the key of the secret"
for server in "${INSTANCES[@]}"; do
    audit=$WILDFLY_HOME/domain/servers/$server/log/kustomer-audit.log
    grep -q '"outcome":"issued"' "$audit" || fail "$server's audit file has no issued token: $audit"
    [ "$(stat -c %a "$audit")" = 600 ] || fail "$server's audit file has mode $(stat -c %a "$audit")"
done
./add-service-account.sh "$LOAD_USER" "$LOAD_PASSWORD_FILE" kustomer-customer > /dev/null
./add-service-account.sh "$DELEGATE" "$K/$DELEGATE.credential" > /dev/null
say "1. both servers sign with the group's secret and write their own audit file; the key file and the audit files are mode 600"
# kustomer.limit.scope=group set by hand, without the guide's limits block (no cache for the WAR):
# every server stops signing and says why in its log, rather than count per server.
management "/server-group=$GROUP/system-property=kustomer.limit.scope:add(value=group, boot-time=false)"
for i in "${!INSTANCES[@]}"; do
    await_status "http://127.0.0.1:${HTTP_PORTS[$i]}/kustomer/ready" 503 10
    answer=$(curl_as "$LOAD_USER" "$LOAD_PASSWORD_FILE" -w '\n%{http_code}' -X POST "http://127.0.0.1:${HTTP_PORTS[$i]}$TOKENS")
    [[ $(tail -1 <<<"$answer") == 503 && $answer == *signing-unavailable* ]] || fail "${INSTANCES[$i]} answered with kustomer.limit.scope=group and no cache: $answer"
    grep -q 'kustomer.limit.scope=group needs an Infinispan cache' "$WILDFLY_HOME/domain/servers/${INSTANCES[$i]}/log/server.log" \
        || fail "${INSTANCES[$i]}'s server.log does not say why it cannot sign"
done
management "/server-group=$GROUP/system-property=kustomer.limit.scope:remove"
for port in "${HTTP_PORTS[@]}"; do await_status "http://127.0.0.1:$port/kustomer/ready" 200 10; done
say "kustomer.limit.scope=group without the guide's limits block: both servers answered 503 signing-unavailable and logged why"
started_limits=$SECONDS
eval "$(block '<!-- group: limits')" > "$WORK/limits.log" 2>&1 || { cat "$WORK/limits.log"; fail "the guide's limits block"; }
for port in "${HTTP_PORTS[@]}"; do await_status "http://127.0.0.1:$port/kustomer/ready" 200 30; done
# What DOMAIN.md tells administrators to check: each server's log shows the cache's members, both.
cache_members() { grep -h -o 'Context=token-buckets\] ISPN100010: Finished rebalance with members \[[^]]*\]' "$WILDFLY_HOME/domain/servers/$1/log/server.log" | tail -1; }
for server in "${INSTANCES[@]}"; do
    for _ in $(seq 20); do
        members=$(cache_members "$server")
        [[ $members == *kustomer-1* && $members == *kustomer-2* ]] && break
        sleep 1
    done
    [[ $members == *kustomer-1* && $members == *kustomer-2* ]] \
        || { grep -h -E 'ISPN|JGRP' "$WILDFLY_HOME/domain/servers/$server/log/server.log" | tail -20
             fail "$server's server.log does not show both servers as members of the cache token-buckets (ISPN100010): it is not shared"; }
done
say "the guide's limits block: done in $((SECONDS - started_limits)) s; both servers ready; $(cache_members "${INSTANCES[0]}")"

# --- through the guide's HAProxy -------------------------------------------------------------
start_haproxy
# GROUP_BENCH=yes: each limit scope in turn, one customer counted (its bucket taken every time);
# then back to the checks' scope. A system property reaches the servers at once; the WAR reads
# it within a second.
scope_now() { management "/server-group=$GROUP/system-property=kustomer.limit.scope:write-attribute(name=value, value=$1)"; sleep 3; }
if [ "${GROUP_BENCH:-no}" = yes ]; then
    for scope in ${GROUP_BENCH_SCOPES:-instance group}; do
        scope_now "$scope"
        bench_if_asked "limits-per-$scope"
    done
    scope_now group
fi
break_one() {  # a secret too short on this server only: a host-level property wins over the group's
    management "/host=primary/server-config=$1/system-property=kustomer.secret:add(value=too-short, boot-time=false)"
}
mend_one() { management "/host=primary/server-config=$1/system-property=kustomer.secret:remove"; }
kill_one() { kill -9 "$(pgrep -g "$set_up" -f -- "-D\[Server:$1\]")"; }
start_one() { management "/host=primary/server=$1:start(blocking=true)"; }
checking bearer && check_bearer
checking rotation && check_rotation
checking readiness && check_readiness
checking kill && check_kill

explain_group_limit() {  # what JGroups and the servers' logs say, when check 5 fails
    grep -h -E 'ISPN100002|ISPN100010|JGRP|kustomer.limit|data grid' "$WILDFLY_HOME"/domain/servers/*/log/server.log | tail -30
}
checking limit && check_group_limit "$DELEGATE" "$K/$DELEGATE.credential" "$DELEGATE_LIMIT"

# --- the guide's restore.sh gives the group back ------------------------------------------------
eval "$(block '<!-- group: restore')" > "$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; fail "the guide's restore block"; }
check_restored
[ ! -e "$keys" ] || fail "restore.sh left $keys"
! "$WILDFLY_HOME/bin/jboss-cli.sh" -c --controller="$CONTROLLER_ADDRESS" \
    --command='/profile=kustomer-ha/subsystem=infinispan/cache-container=kustomer:read-resource' > /dev/null 2>&1 \
    || fail "restore.sh left the limits' cache container on the profile"
say "passed in $((SECONDS - started)) s"
