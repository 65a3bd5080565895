#!/usr/bin/env bash
# Test lifecycle of a real WildFly for `./mvnw verify -Pwildfly`:
#   wildfly.sh start JBOSS_HOME WAR   start it on loopback (port offset 300: HTTP 8380, management
#                                     10290, never more than 30 minutes), then apply
#                                     server-config/wildfly/ as an administrator would
#   wildfly.sh stop JBOSS_HOME        restore.sh, then shut it down; nothing is left running
# The secret comes from the environment (IT_KUSTOMER_SECRET) into a mode-600 file, as the
# administrator's scripts want it; kustomer-bearer.war (next to WAR) trusts IT_OIDC_ISSUER.
set -Eeuo pipefail
umask 077

readonly ACTION=${1:?start or stop} JBOSS_HOME=${2:?JBOSS_HOME}
readonly OFFSET=300 HTTP_PORT=8380 CONTROLLER=127.0.0.1:10290 LIFETIME_S=1800 START_LIMIT_S=180
readonly SCRIPTS="$(cd "$(dirname "$0")/../../../server-config/wildfly" && pwd)"
readonly STATE="$JBOSS_HOME/kustomer-it"
# The tests change settings through the HTTP management API as this ManagementRealm user
# (ConfigOverride): a jboss-cli JVM per change cost minutes per run.
readonly MGMT_USER=kustomer-it-admin MGMT_USERS="$JBOSS_HOME/standalone/configuration/mgmt-users.properties"
export JBOSS_HOME CONTROLLER

# shellcheck source=lifecycle.sh
. "$(dirname "$0")/lifecycle.sh"

say() { echo "[wildfly-it] $*"; }

stop() {
    if [ -f "$STATE/pid" ]; then
        # A server already gone (its lifetime ended) cannot be restored now: the next start does it.
        "$SCRIPTS/restore.sh" || { touch "$STATE/restore-pending"; say "restore.sh failed (see above); shutting down anyway, the next start restores"; }
        if [ -f "$STATE/task-max-threads" ]; then
            # A pool size to compare (IT_WILDFLY_TASK_MAX_THREADS): the server's default again.
            "$JBOSS_HOME/bin/jboss-cli.sh" -c --controller="$CONTROLLER" \
                --command="/subsystem=io/worker=default:undefine-attribute(name=task-max-threads)" > /dev/null || true
            rm -f "$STATE/task-max-threads"
        fi
        timeout 60 "$JBOSS_HOME/bin/jboss-cli.sh" -c --controller="$CONTROLLER" --command=:shutdown >/dev/null 2>&1 || true
        local pid; pid=$(cat "$STATE/pid")
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -KILL -- -"$pid" 2>/dev/null || true
        rm -f "$STATE/pid"
        sed -i "/^$MGMT_USER=/d" "$MGMT_USERS"
        rm -f "$STATE/management.pw"
        say "stopped"
    fi
}

# A bare server: started and ready, nothing of ours configured.
launch() {
    mkdir -p "$STATE"
    [ ! -f "$STATE/pid" ] || stop
    say "starting (log: $STATE/server.log)"
    local started; started=$(date +%s)
    # The server with an administrator's usual umask, not this script's: what it creates (the
    # audit file, say) is as private as server-config/ makes it, no more (AuditTrailIT).
    (umask 022; LAUNCH_JBOSS_IN_BACKGROUND=1 exec setsid timeout "$LIFETIME_S" "$JBOSS_HOME/bin/standalone.sh" \
        -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset="$OFFSET" \
        > "$STATE/server.log" 2>&1 < /dev/null) &
    echo $! > "$STATE/pid"
    trap 'say "start failed"; tail -40 "$STATE/server.log"; stop' ERR
    until curl -sf -o /dev/null "http://$CONTROLLER/health/ready"; do
        [ $(( $(date +%s) - started )) -lt "$START_LIMIT_S" ] || { say "not ready in $START_LIMIT_S s"; false; }
        kill -0 "$(cat "$STATE/pid")" 2>/dev/null || { say "the server exited"; false; }
        sleep 1
    done
    say "ready after $(( $(date +%s) - started )) s"
    trap - ERR
}

# What add-user.sh writes (HEX(MD5(user:realm:password))), without its JVM; read at start.
add_management_user() {
    mkdir -p "$STATE"
    local password; password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$password" > "$STATE/management.pw"
    sed -i "/^$MGMT_USER=/d" "$MGMT_USERS"
    printf '%s=%s\n' "$MGMT_USER" "$(printf '%s' "$MGMT_USER:ManagementRealm:$password" | md5sum | cut -d' ' -f1)" >> "$MGMT_USERS"
}

start() {
    : "${IT_KUSTOMER_SECRET:?IT_KUSTOMER_SECRET: the secret to configure}"
    : "${IT_OIDC_ISSUER:?IT_OIDC_ISSUER: the issuer of the tests OpenID provider}"
    # A server left from an earlier run is stopped first: its stop removes the management user.
    [ ! -f "$STATE/pid" ] || stop
    add_management_user
    launch
    if [ -f "$STATE/restore-pending" ]; then
        # What an earlier run left configured (its stop could not restore): restore.sh is idempotent.
        "$SCRIPTS/restore.sh" > /dev/null
        rm -f "$STATE/restore-pending"
    fi
    if [ -n "${IT_WILDFLY_TASK_MAX_THREADS:-}" ]; then
        # A request thread pool size to compare (src/bench/run-all.sh), undone at stop.
        [[ $IT_WILDFLY_TASK_MAX_THREADS =~ ^[1-9][0-9]{0,3}$ ]] || { say "IT_WILDFLY_TASK_MAX_THREADS: 1-9999"; stop; exit 2; }
        printf '%s\n' "$IT_WILDFLY_TASK_MAX_THREADS" > "$STATE/task-max-threads"
        "$JBOSS_HOME/bin/jboss-cli.sh" -c --controller="$CONTROLLER" --commands="/subsystem=io/worker=default:write-attribute(name=task-max-threads,value=$IT_WILDFLY_TASK_MAX_THREADS),reload" > /dev/null
        local reloaded=0
        until curl -sf -o /dev/null "http://$CONTROLLER/health/ready"; do
            reloaded=$((reloaded + 1))
            [ "$reloaded" -lt "$START_LIMIT_S" ] || { say "not ready $START_LIMIT_S s after the reload"; stop; exit 1; }
            sleep 1
        done
    fi
    printf '%s\n' "$IT_KUSTOMER_SECRET" > "$STATE/secret.txt"
    say "configuring with $SCRIPTS"
    local configured; configured=$(date +%s)
    trap 'say "start failed"; stop' ERR
    "$SCRIPTS/configure.sh" --war "$WAR" --secret-file "$STATE/secret.txt"
    # Limits far above what any test but LimitsIT sends (which lowers them itself), as for embedded.
    local limit=${IT_LIMIT_PER_MINUTE:-1000000} kind commands=()
    for kind in customer delegate identity; do
        commands+=("/system-property=kustomer.limit.$kind.tokens-per-minute:add(value=$limit)")
    done
    # A shorter time for a body than the default, as for embedded (pom.xml: SlowClientsIT waits for its 408s).
    [ -z "${IT_BODY_TIMEOUT_SECONDS:-}" ] || commands+=("/system-property=kustomer.request.body-timeout-seconds:add(value=$IT_BODY_TIMEOUT_SECONDS)")
    "$JBOSS_HOME/bin/jboss-cli.sh" -c --controller="$CONTROLLER" --commands="$(IFS=,; echo "${commands[*]}")" > /dev/null
    "$SCRIPTS/add-demo-users.sh"
    # A customer whose user name is an email, for the identity-mode tests.
    printf 'Dave@Example.com-password\n' > "$STATE/dave.pw"
    "$SCRIPTS/add-user.sh" Dave@Example.com kustomer-customer "$STATE/dave.pw"
    # A back end with a generated credential (ServiceAccountIT); the script wants a new file.
    rm -f "$STATE/bff-service.credential"
    "$SCRIPTS/add-service-account.sh" bff-service "$STATE/bff-service.credential"
    # kustomer-bearer.war beside it, against the tests' Keycloak (keycloak.sh).
    "$SCRIPTS/configure-bearer.sh" --war "${WAR%.war}-bearer.war" --issuer "$IT_OIDC_ISSUER" \
        --jwks "$IT_OIDC_ISSUER/protocol/openid-connect/certs" --audience kustomer-token-service \
        ${IT_BEARER_KEYS_KEPT_SECONDS:+--keys-kept-seconds "$IT_BEARER_KEYS_KEPT_SECONDS"}
    await_application "$HTTP_PORT" "$configured"
    await_application "$HTTP_PORT" "$configured" kustomer-bearer
    trap - ERR
    announce_ready
}

case "$ACTION" in
    start) WAR=${3:?WAR}; start ;;
    stop) stop ;;
    *) echo "usage: $0 start JBOSS_HOME WAR | stop JBOSS_HOME" >&2; exit 2 ;;
esac
