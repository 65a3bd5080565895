#!/usr/bin/env bash
# Test lifecycle of a real Payara Server for `./mvnw verify -Ppayara-server`:
#   payara.sh start PAYARA_HOME WAR   create a domain (port base 20000: HTTP 20080, admin 20048),
#                                     bind it to loopback, start it (time-limited), then apply
#                                     server-config/payara/ as an administrator would
#   payara.sh stop PAYARA_HOME        restore.sh, then stop the domain; nothing is left running
# The secret comes from the environment (IT_KUSTOMER_SECRET) into a mode-600 file, as the
# administrator's scripts want it.
set -Eeuo pipefail
umask 077

readonly ACTION=${1:?start or stop} PAYARA_HOME=${2:?PAYARA_HOME}
readonly DOMAIN=kustomer-it PORT_BASE=20000 ADMIN_PORT=20048 HTTP_PORT=20080 START_LIMIT_S=300 LIFETIME_S=1800
readonly SCRIPTS="$(cd "$(dirname "$0")/../../../server-config/payara" && pwd)"
readonly STATE="$PAYARA_HOME/kustomer-it"
export ASADMIN="$PAYARA_HOME/bin/asadmin" ASADMIN_OPTS="--host 127.0.0.1 --port $ADMIN_PORT"
readonly A=("$ASADMIN" --interactive=false --host 127.0.0.1 --port "$ADMIN_PORT")

# shellcheck source=lifecycle.sh
. "$(dirname "$0")/lifecycle.sh"

say() { echo "[payara-it] $*"; }

stop() {
    if [ -f "$STATE/watchdog" ]; then
        kill -- -"$(cat "$STATE/watchdog")" 2>/dev/null || true
        rm -f "$STATE/watchdog"
    fi
    if [ -f "$STATE/started" ]; then
        "$SCRIPTS/restore.sh" || say "restore.sh failed (see above); stopping anyway"
        if [ -f "$STATE/jvm-options" ]; then
            "${A[@]}" delete-jvm-options "$(cat "$STATE/jvm-options")" > /dev/null || say "could not remove the JVM options"
            rm -f "$STATE/jvm-options"
        fi
        timeout 120 "$ASADMIN" stop-domain --kill=false "$DOMAIN" > /dev/null || true
        local pidfile="$PAYARA_HOME/glassfish/domains/$DOMAIN/config/pid"
        if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            kill -KILL "$(cat "$pidfile")" || true
        fi
        rm -f "$STATE/started"
        say "stopped"
    fi
}

start() {
    mkdir -p "$STATE"
    [ ! -f "$STATE/started" ] || stop
    : "${IT_KUSTOMER_SECRET:?IT_KUSTOMER_SECRET: the secret to configure}"
    : "${IT_OIDC_ISSUER:?IT_OIDC_ISSUER: the issuer of the tests OpenID provider}"
    printf '%s\n' "$IT_KUSTOMER_SECRET" > "$STATE/secret.txt"
    mkdir -p "$STATE/passwords"
    : > "$STATE/users.txt"
    # The demo users, and a customer whose user name is an email for the identity-mode tests.
    for user in alice:kustomer-customer carol:kustomer-customer bff:kustomer-token-delegate mallory:- \
            Dave@Example.com:kustomer-customer; do
        printf '%s %s\n' "${user%%:*}" "${user#*:}" >> "$STATE/users.txt"
        printf '%s-password\n' "${user%%:*}" > "$STATE/passwords/${user%%:*}.password"
    done

    local started; started=$(date +%s)
    if [ ! -d "$PAYARA_HOME/glassfish/domains/$DOMAIN" ]; then
        "$ASADMIN" --interactive=false create-domain --portbase "$PORT_BASE" --nopassword "$DOMAIN" > "$STATE/create-domain.log"
    fi
    touch "$STATE/started"
    trap 'say "start failed"; stop' ERR
    # The domain with an administrator's usual umask, not this script's: what it creates (the audit
    # file, say) is as private as server-config/ makes it, no more (AuditTrailIT).
    (umask 022; timeout "$START_LIMIT_S" "$ASADMIN" start-domain "$DOMAIN" > "$STATE/start-domain.log")
    # If Maven dies before `stop`, the domain still ends after LIFETIME_S (WildFly runs under
    # timeout for the same reason).
    local pidfile="$PAYARA_HOME/glassfish/domains/$DOMAIN/config/pid"
    setsid bash -c "sleep $LIFETIME_S; kill \$(cat '$pidfile') 2>/dev/null" > /dev/null 2>&1 < /dev/null &
    echo $! > "$STATE/watchdog"
    # Loopback only while tested; the data grid (Hazelcast) and the JMS broker are switched off,
    # since neither can be bound to loopback here and the service uses neither.
    for listener in http-listener-1 http-listener-2 admin-listener; do
        "${A[@]}" set "configs.config.server-config.network-config.network-listeners.network-listener.$listener.address=127.0.0.1" > /dev/null
    done
    for listener in orb-listener-1 SSL SSL_MUTUALAUTH; do
        "${A[@]}" set "configs.config.server-config.iiop-service.iiop-listener.$listener.address=127.0.0.1" > /dev/null
    done
    "${A[@]}" set configs.config.server-config.admin-service.jmx-connector.system.address=127.0.0.1 > /dev/null
    "${A[@]}" set-hazelcast-configuration --enabled=false --dynamic=false > /dev/null
    "${A[@]}" set configs.config.server-config.jms-service.type=DISABLED > /dev/null
    # Test only: config changes seen at once (Payara caches 60 s; the setting needs the restart).
    # The benchmark measures the domain as an administrator gets it too: IT_PAYARA_CONFIG_CACHE=default.
    if [ "${IT_PAYARA_CONFIG_CACHE:-0}" != default ]; then
        "${A[@]}" set-config-cache --durationinseconds=0 > /dev/null
    fi
    say "domain $DOMAIN up after $(( $(date +%s) - started )) s; configuring with $SCRIPTS"

    local configured; configured=$(date +%s)
    KUSTOMER_SECRET_FILE="$STATE/secret.txt" KUSTOMER_USERS_FILE="$STATE/users.txt" \
        KUSTOMER_PASSWORD_DIR="$STATE/passwords" "$SCRIPTS/configure.sh" "$WAR"
    # Limits far above what any test but LimitsIT sends (which lowers them itself), as for embedded.
    local kind
    for kind in customer delegate identity; do
        "${A[@]}" set-config-property --source=domain --propertyname="kustomer.limit.$kind.tokens-per-minute" \
            --propertyvalue="${IT_LIMIT_PER_MINUTE:-1000000}" > /dev/null
    done
    # A shorter time for a body than the default, as for embedded (pom.xml: SlowClientsIT waits for its 408s).
    [ -z "${IT_BODY_TIMEOUT_SECONDS:-}" ] || "${A[@]}" set-config-property --source=domain \
        --propertyname=kustomer.request.body-timeout-seconds --propertyvalue="$IT_BODY_TIMEOUT_SECONDS" > /dev/null
    # kustomer-bearer.war beside it, against the tests' Keycloak (keycloak.sh).
    KUSTOMER_OIDC_ISSUER="$IT_OIDC_ISSUER" KUSTOMER_OIDC_JWKS="$IT_OIDC_ISSUER/protocol/openid-connect/certs" \
        KUSTOMER_OIDC_AUDIENCE=kustomer-token-service KUSTOMER_BEARER_KEYS_KEPT_SECONDS="${IT_BEARER_KEYS_KEPT_SECONDS:-}" \
        "$SCRIPTS/configure-bearer.sh" "${WAR%.war}-bearer.war"
    # One restart applies the loopback addresses above and the audit file configure.sh routed
    # (Payara reads a logger's handlers only when it starts), as the README tells administrators.
    if [ -n "${IT_PAYARA_JVM_OPTIONS:-}" ]; then
        # JVM flags to compare (src/bench/run-all.sh), taken out again at stop
        printf '%s\n' "$IT_PAYARA_JVM_OPTIONS" > "$STATE/jvm-options"
        "${A[@]}" create-jvm-options "$IT_PAYARA_JVM_OPTIONS" > /dev/null
    fi
    timeout "$START_LIMIT_S" "$ASADMIN" restart-domain "$DOMAIN" > /dev/null
    say "domain $DOMAIN restarted on loopback after $(( $(date +%s) - started )) s"
    local context
    for context in kustomer kustomer-bearer; do
        if ! await_application "$HTTP_PORT" "$configured" "$context"; then
            # Seen once in CI: after the restart Payara 6.2025.10 failed to start one application
            # (NullPointerException in WebappClassLoader.getURLs, "this.files" is null, in the
            # server log) and answered 404 until it was started again. Said here, retried once.
            say "Payara did not start /$context after its restart (server log: $(grep -c 'Exception while loading the app' \
                "$PAYARA_HOME/glassfish/domains/$DOMAIN/logs/server.log") failed loads): disabling and enabling it once"
            "${A[@]}" disable "$context" > /dev/null
            "${A[@]}" enable "$context" > /dev/null
            await_application "$HTTP_PORT" "$configured" "$context"
        fi
    done
    trap - ERR
    announce_ready
}

case "$ACTION" in
    start) WAR=${3:?WAR}; start ;;
    stop) stop ;;
    *) echo "usage: $0 start PAYARA_HOME WAR | stop PAYARA_HOME" >&2; exit 2 ;;
esac
