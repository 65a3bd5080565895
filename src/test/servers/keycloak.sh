#!/usr/bin/env bash
# The OpenID provider of the bearer-token tests: Keycloak from Maven Central, on loopback only.
#   keycloak.sh start KC_HOME   starts it (http://127.0.0.1:18180, never longer than 60 minutes)
#                               with a fresh import of src/test/keycloak/kustomer-realm.json, first
#                               unpacking org.keycloak:keycloak-quarkus-dist from Maven Central
#                               into KC_HOME (named keycloak-VERSION) if it is not there; a
#                               Keycloak this script started that still answers is reused, so a
#                               CI run starts one for all its profiles. The tests that need it
#                               call this (OpenIdProvider), so a build without them never fetches it
#   keycloak.sh stop KC_HOME    stops it, unless IT_KEYCLOAK_KEEP=1 (.ci/run stops it at its end)
#   keycloak.sh access-token KC_HOME USER
#                               prints an access token of the realm's app client (customer-app)
#                               for USER of the realm (password USER-password); fails without one
# State in KC_HOME/kustomer-it: pid, log, the admin password and the realm's signing key (both
# made at each start, mode 600).
set -Eeuo pipefail
umask 077

readonly ACTION=${1:?start or stop} KC_HOME=${2:?KC_HOME}
readonly PORT=18180 LIFETIME_S=3600 START_LIMIT_S=240
readonly URL="http://127.0.0.1:$PORT" REALM=kustomer
readonly TEMPLATES="$(cd "$(dirname "$0")/../keycloak" && pwd)"
readonly STATE="$KC_HOME/kustomer-it"
readonly ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"

say() { echo "[keycloak-it] $*"; }

answers() { curl -sf -o /dev/null "$URL/realms/$REALM/.well-known/openid-configuration"; }

running() { [ -f "$STATE/pid" ] && kill -0 "$(cat "$STATE/pid")" 2>/dev/null; }

stop() {
    if running; then
        local pid; pid=$(cat "$STATE/pid")
        kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -KILL -- -"$pid" 2>/dev/null || true
        say "stopped"
    fi
    rm -f "$STATE/pid"
}

start() {
    if running && answers; then
        say "reusing the Keycloak started at $(date -r "$STATE/pid" +%T): $URL/realms/$REALM"
        return
    fi
    stop
    if curl -s -o /dev/null "$URL/"; then
        say "port $PORT is taken by something this script did not start"; return 1
    fi
    if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
        local version=${KC_HOME##*/keycloak-}
        say "fetching Keycloak $version from Maven Central into $(dirname "$KC_HOME")"
        mkdir -p "$(dirname "$KC_HOME")"
        (cd "$ROOT" && ./mvnw -B -q dependency:unpack -Dmdep.overWriteReleases=true \
            -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
            -DoutputDirectory="$(cd "$(dirname "$KC_HOME")" && pwd)") || { say "could not fetch Keycloak $version"; return 1; }
    fi
    mkdir -p "$STATE" "$KC_HOME/data/import"
    # An existing database makes Keycloak skip the import: every start begins empty.
    rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/import/"*
    node "$TEMPLATES/prepare-realm.mjs" "$TEMPLATES/$REALM-realm.json" \
        "$KC_HOME/data/import/$REALM-realm.json" "$STATE/test-signing-key.pem"
    head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$STATE/admin-password"
    say "starting (log: $STATE/server.log)"
    local started; started=$(date +%s)
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$STATE/admin-password")" \
        setsid timeout "$LIFETIME_S" "$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" \
        --http-host=127.0.0.1 --hostname="$URL" --import-realm \
        > "$STATE/server.log" 2>&1 < /dev/null 9>&- &
    echo $! > "$STATE/pid"
    until answers; do
        if [ $(( $(date +%s) - started )) -ge "$START_LIMIT_S" ] || ! running; then
            say "not ready after $(( $(date +%s) - started )) s"; tail -40 "$STATE/server.log"; stop; return 1
        fi
        sleep 1
    done
    say "ready after $(( $(date +%s) - started )) s: $URL/realms/$REALM"
}

access_token() {
    local token
    token=$(curl -s --max-time 10 -d grant_type=password -d client_id=customer-app -d client_secret=customer-app-secret \
        -d username="$1" -d password="$1-password" "$URL/realms/$REALM/protocol/openid-connect/token" \
        | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || { echo "[keycloak-it] no access token for $1 from $URL/realms/$REALM" >&2; exit 1; }
    printf '%s\n' "$token"
}

case "$ACTION" in
    # One start at a time (.ci/run starts it in the background while a test may ask for it): the
    # second waits for the first and then reuses what it started.
    start) mkdir -p "$(dirname "$KC_HOME")"; exec 9> "$KC_HOME.lock"; flock 9; start ;;
    stop) if [ "${IT_KEYCLOAK_KEEP:-}" = 1 ]; then say "kept running (IT_KEYCLOAK_KEEP=1)"; else stop; fi ;;
    stop-now) stop ;;
    access-token) access_token "${3:?USER}" ;;
    *) echo "usage: $0 start|stop|stop-now KC_HOME, or access-token KC_HOME USER" >&2; exit 2 ;;
esac
