#!/usr/bin/env bash
# The administrator's walk-through in server-config/<kind>/README.md, run as written, on a bare
# server of its own on loopback:
#   walkthrough.sh wildfly JBOSS_HOME WAR     WildFly (port offset 300: HTTP 8380, management 10290)
#   walkthrough.sh payara PAYARA_HOME WAR     a new Payara domain (port base 21000: HTTP 21080, admin 21048)
# It takes the ```sh block after "<!-- walkthrough" in that README and changes only this
# machine's paths and ports in it (installation, /etc/kustomer, /path/to/kustomer.war, the
# domain name, the admin and HTTP ports). Each line runs as written, in order, in one shell.
# Where the README shows a curl with the status it expects in a comment ("# 200", "# now 401"),
# the same request is made with that user's password file and the status checked. Around
# rotate-secret.sh requests keep flowing and none may fail; afterwards the identity mode the
# walk-through set is still in force and the new secret signs. On Payara, the README's single
# sign-on blocks run with src/test/sso-app as the web app, checked in chromium. After restore.sh the server's
# configuration file is byte-identical to before and every file beside it has the mode it had.
set -Eeuo pipefail
umask 022   # an administrator's usual umask, not the test harness's 077

readonly KIND=${1:?wildfly or payara} HOME_DIR=$(cd "${2:?server installation}" && pwd)
readonly WAR=$(cd "$(dirname "${3:?WAR}")" && pwd)/$(basename "$3")
readonly BEARER_WAR=${WAR%.war}-bearer.war OIDC_ISSUER=http://127.0.0.1:18180/realms/kustomer
readonly ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
readonly WORK=$(mktemp -d "${TMPDIR:-/tmp}/kustomer-walkthrough.XXXXXX")
readonly K=$WORK/etc-kustomer README=$ROOT/server-config/$KIND/README.md
case "$KIND" in
    wildfly)
        readonly HTTP=http://127.0.0.1:8380 WT_CONTROLLER=127.0.0.1:10290
        readonly CONF=$HOME_DIR/standalone/configuration CONFIG_FILE=standalone.xml ;;
    payara)
        readonly HTTP=http://127.0.0.1:21080 ADMIN_PORT=21048 DOMAIN=kustomer-walkthrough
        readonly CONF=$HOME_DIR/glassfish/domains/kustomer-walkthrough/config CONFIG_FILE=domain.xml
        readonly A=("$HOME_DIR/bin/asadmin" --interactive=false --host 127.0.0.1 --port "$ADMIN_PORT") ;;
    *) echo "usage: $0 wildfly JBOSS_HOME WAR | payara PAYARA_HOME WAR" >&2; exit 2 ;;
esac
say() { echo "[walkthrough:$KIND $(date +%T)] $*"; }
fail() { say "FAILED: $*"; exit 1; }
server_state() {  # what a failed request leaves to look at: the listening ports and the server's log
    ss -ltnH 2>/dev/null | awk '{print "    listening: " $4}' | grep -E ':(8380|21080|10290|21048)$' || true
    local log=$HOME_DIR/standalone/log/server.log
    [ "$KIND" = wildfly ] || log=$HOME_DIR/glassfish/domains/$DOMAIN/logs/server.log
    [ ! -f "$log" ] || grep -E 'SEVERE|WARNING|ERROR|Listener|Grizzly|BindException|already in use' "$log" | cut -c1-400 | tail -40 | sed 's/^/    /'
}

# block MARKER: the ```sh block after the README line that starts with MARKER, this machine's
# paths and ports in place of the documented ones.
block() {
    local text
    text=$(awk -v marker="$1" 'index($0, marker) == 1 {on = 1; next} on && /^```sh/ {inside = 1; next} inside && /^```/ {exit} inside' "$README")
    [ -n "$text" ] || fail "no block after '$1' in $README"
    text=${text//\/etc\/kustomer/$K}
    text=${text//\/path\/to\/kustomer.war/$WAR}
    text=${text//http:\/\/127.0.0.1:8080/$HTTP}
    text=${text//\/path\/to\/kustomer-bearer.war/$BEARER_WAR}
    text=${text//\/path\/to\/your-app.war/$WORK/signed-in-app.war}
    text=${text//https:\/\/HOST\/realms\/REALM/$OIDC_ISSUER}
    if [ "$KIND" = wildfly ]; then
        text=${text//\/opt\/wildfly/$HOME_DIR}
        text=${text//127.0.0.1:9990/$WT_CONTROLLER}
    else
        text=${text//\/opt\/payara6/$HOME_DIR}
        text=${text//--port 4848/--port $ADMIN_PORT}
        text=${text//domain1/$DOMAIN}
    fi
    printf '%s\n' "$text"
}

# --- a bare server of our own; stopped whatever happens ---------------------------------------
stop_server() {
    if [ "$KIND" = wildfly ]; then
        bash "$ROOT/src/test/servers/wildfly.sh" stop "$HOME_DIR" > /dev/null 2>&1 || true
    else
        [ ! -f "$WORK/watchdog" ] || kill -- -"$(cat "$WORK/watchdog")" 2>/dev/null || true
        timeout 120 "$HOME_DIR/bin/asadmin" stop-domain "$DOMAIN" > /dev/null 2>&1 || true
        "$HOME_DIR/bin/asadmin" delete-domain "$DOMAIN" > /dev/null 2>&1 || true
    fi
}
load=()
trap 'touch "$WORK/load.stop"; [ ${#load[@]} -eq 0 ] || wait "${load[@]}"; stop_server; rm -rf "$WORK"' EXIT
if [ "$KIND" = wildfly ]; then
    # The README's start on loopback, as written but for the port offset (this machine's ports);
    # wildfly.sh stop ends it through the pid file, as it ends its own.
    say "the README's loopback start"
    start_block=$(block '<!-- walkthrough: loopback')
    start_block=${start_block//-bmanagement 127.0.0.1/-bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset=300}
    mkdir -p "$HOME_DIR/kustomer-it"
    (LAUNCH_JBOSS_IN_BACKGROUND=1 exec setsid timeout 1800 bash -euo pipefail -c "$start_block" \
        > "$HOME_DIR/kustomer-it/server.log" 2>&1 < /dev/null) &
    echo $! > "$HOME_DIR/kustomer-it/pid"
    waited=0
    until curl -sf -o /dev/null "http://$WT_CONTROLLER/health/ready"; do
        kill -0 "$(cat "$HOME_DIR/kustomer-it/pid")" 2>/dev/null || { tail -30 "$HOME_DIR/kustomer-it/server.log"; fail "the README's start command ended"; }
        [ $waited -lt 180 ] || { tail -30 "$HOME_DIR/kustomer-it/server.log"; fail "WildFly not ready 180 s after the README's start command"; }
        sleep 1; waited=$((waited + 1))
    done
    say "WildFly ready after ${waited} s"
    readonly SERVER_LOG=$HOME_DIR/standalone/log/server.log
    log_lines_before=$(wc -l < "$SERVER_LOG")
    export JBOSS_HOME=$HOME_DIR
    cli() { JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "$HOME_DIR/bin/jboss-cli.sh" -c --controller="$WT_CONTROLLER" --command="$1"; }
    # WildFly rewrites standalone.xml in its own layout on the first change: a change and its
    # undoing first, so that "as before" means the server's own layout, not the shipped file's.
    cli '/system-property=kustomer.walkthrough.probe:add(value=x)' > /dev/null
    cli '/system-property=kustomer.walkthrough.probe:remove' > /dev/null
    read_property() { cli "/system-property=$1:read-attribute(name=value)" 2>/dev/null | sed -n 's/.*"result" => "\(.*\)".*/\1/p'; }
else
    "$HOME_DIR/bin/asadmin" delete-domain "$DOMAIN" > /dev/null 2>&1 || true
    "$HOME_DIR/bin/asadmin" --interactive=false create-domain --portbase 21000 --nopassword "$DOMAIN" > "$WORK/create-domain.log"
    # The domain ends after 30 minutes whatever happens (CI's limit for a server).
    setsid bash -c "sleep 1800; kill \$(cat '$CONF/pid') 2>/dev/null" > /dev/null 2>&1 < /dev/null &
    echo $! > "$WORK/watchdog"
    say "the README's loopback commands"
    ASADMIN=$HOME_DIR/bin/asadmin ASADMIN_OPTS="--host 127.0.0.1 --port $ADMIN_PORT" \
        bash -euo pipefail -c "$(block '<!-- walkthrough: loopback')" > "$WORK/loopback.log" 2>&1 < /dev/null \
        || { cat "$WORK/loopback.log"; fail "the README's loopback commands failed"; }
    # Seen twice in many runs on 2 cores: the README's restart-domain left http-listener-1 down (only
    # the admin listener up). The README says to restart once more then; so does this check.
    http_listening() { local w=0; until ss -ltnH | awk '{print $4}' | grep -q ':21080$'; do [ $w -lt "$1" ] || return 1; sleep 1; w=$((w + 1)); done; }
    if ! http_listening 30; then
        server_state
        say "http-listener-1 not listening 30 s after the README's restart-domain: restarting once more, as the README says"
        timeout 300 "${A[@]}" restart-domain "$DOMAIN" > /dev/null
        http_listening 60 || { server_state; fail "http-listener-1 not listening after a second restart-domain"; }
    fi
    for port in $(ss -ltnH 2>/dev/null | awk '{print $4}' | grep -E ':21[0-9]{3}$' || true); do
        [[ $port == 127.0.0.1:* || $port == "[::ffff:127.0.0.1]:"* ]] || fail "the domain listens on $port after the README's loopback commands"
    done
    # Payara writes domain.xml in its own layout on its first save: one save before "before".
    "${A[@]}" create-system-properties kustomer.walkthrough.probe=x > /dev/null
    "${A[@]}" delete-system-property kustomer.walkthrough.probe > /dev/null
    read_property() { "${A[@]}" get "property.payara.microprofile.$1" 2>/dev/null | sed -n "s/^property\.payara\.microprofile\.$1=//p"; }
fi
cp "$CONF/$CONFIG_FILE" "$WORK/config.before"
configuration_state() { (cd "$CONF" && find . -path ./standalone_xml_history -prune -o -printf '%m %p\n' | grep -v ' ./pid' | sort); }
configuration_state > "$WORK/state.before"

# --- the walk-through and the inputs it names, mode 600 in a directory of mode 700 ------------
block '<!-- walkthrough: CI' > "$WORK/block.sh"
install -d -m 700 "$K"
mapfile -t secret_files < <(grep -oE -- '(--secret-file |KUSTOMER_SECRET_FILE=)[^ ]+' "$WORK/block.sh" | sed 's/.*[ =]//' | awk '!seen[$0]++')
[ ${#secret_files[@]} -ge 2 ] || fail "the walk-through should configure a secret and rotate to a new one"
n=0
for f in "${secret_files[@]}"; do
    n=$((n + 1))
    (umask 077; printf 'walkthrough-secret-%d-%s\n' "$n" "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')" > "$f")
done
customer=$(grep -oE 'curl -u [^ ]+' "$WORK/block.sh" | head -1 | awk '{print $3}')
[ -n "$customer" ] || fail "the walk-through shows no request"
if [ "$KIND" = wildfly ]; then
    password_file=$(sed -n "s/^\.\/add-user\.sh $customer [^ ]* \([^ ]*\).*/\1/p" "$WORK/block.sh" | head -1)
    identity=$(grep -oE -- '--identity [a-zA-Z]+' "$WORK/block.sh" | awk '{print $2}' | head -1)
else
    users=$(sed -n 's/^export KUSTOMER_USERS_FILE=\([^ ]*\).*/\1/p' "$WORK/block.sh")
    dir=$(sed -n 's/^export KUSTOMER_PASSWORD_DIR=\([^ ]*\).*/\1/p' "$WORK/block.sh")
    [ -n "$users" ] && [ -n "$dir" ] || fail "the walk-through names no users file or password directory"
    printf '%s kustomer-customer\n' "$customer" > "$users"
    install -d -m 700 "$dir"
    password_file=$dir/$customer.password
    identity=$(sed -n 's/^export KUSTOMER_TOKEN_IDENTITY=\([a-zA-Z]*\).*/\1/p' "$WORK/block.sh")
fi
[ -n "$password_file" ] || fail "no password file for $customer in the walk-through"
(umask 077; printf '%s-walkthrough-password\n' "$customer" > "$password_file")
password=$(head -1 "$password_file")
signing_secret=$(head -1 "${secret_files[0]}")   # the secret the server signs with now
[ -n "$identity" ] && [ "$identity" != externalId ] || fail "the walk-through should set an identity mode other than the default"

# --- what the lines are checked with ----------------------------------------------------------
ask() {  # ask URL: the status and answer of one self-service request as the customer
    curl -s -w '\n%{http_code}' -K - -X POST "$1" <<<"user = \"$customer:$password\""
}
expect_status() {  # expect_status URL STATUS
    local got code=0
    got=$(ask "$1" | tail -1) || code=$?
    [ $code -eq 0 ] || { server_state; fail "curl as $customer to $1 ended with exit code $code; the README says $2"; }
    [ "$got" = "$2" ] || fail "curl as $customer answered $got; the README says $2"
    say "curl as $customer: $got, as the README says"
}
claims_if_signed_with() {  # claims_if_signed_with TOKEN FILE: the claims if FILE's secret signed TOKEN
    node -e '
        const [token, file] = process.argv.slice(1);
        const secret = require("fs").readFileSync(file, "utf8").split("\n")[0];
        const [h, p, s] = token.split(".");
        const mac = require("crypto").createHmac("sha256", secret).update(h + "." + p).digest("base64url");
        if (mac === s) console.log(Buffer.from(p, "base64url").toString());' "$1" "$2"
}
around_rotation() {  # around_rotation LINE
    local new_file before after answer claims=
    new_file=$(grep -oE -- '(--secret-file |KUSTOMER_SECRET_FILE=)[^ ]+' <<<"$1" | sed 's/.*[ =]//')
    before=$(read_property kustomer.token.identity)
    : > "$WORK/load.out"
    rm -f "$WORK/load.stop"
    load=()
    for _ in 1 2 3 4; do
        ( end=$((SECONDS + 300))
          while [ ! -f "$WORK/load.stop" ] && [ $SECONDS -lt $end ]; do
              echo "$(ask "$HTTP/kustomer/api/v1/tokens" | tail -1)" >> "$WORK/load.out"
          done ) &
        load+=($!)
    done
    sleep 2
    eval "$1"
    signing_secret=$(head -1 "$new_file")
    # The new secret signs once the server's config cache has passed (Payara: 60 s by default).
    local waited=0
    while [ -z "$claims" ] && [ $waited -lt 90 ]; do
        sleep 1; waited=$((waited + 1))
        answer=$(ask "$HTTP/kustomer/api/v1/tokens" | head -1)
        claims=$(claims_if_signed_with "$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$answer")" "$new_file")
    done
    sleep 1
    touch "$WORK/load.stop"; wait "${load[@]}"; load=()
    [ -n "$claims" ] || fail "90 s after the rotation, tokens are not signed with the new secret: $answer"
    local total failed
    total=$(wc -l < "$WORK/load.out"); failed=$(grep -vc '^200$' "$WORK/load.out" || true)
    [ "$failed" -eq 0 ] || fail "$failed of $total requests failed across the rotation: $(sort "$WORK/load.out" | uniq -c | tr '\n' ' ')"
    after=$(read_property kustomer.token.identity)
    [ "$before" = "$after" ] && [ "$after" = "$identity" ] \
        || fail "kustomer.token.identity was '$before' before the rotation and '$after' after; the walk-through set '$identity'"
    case "$identity" in
        email) [[ $claims == *'"email"'* && $claims != *'"externalId"'* ]] || fail "identity mode email, but the claims are $claims" ;;
        both) [[ $claims == *'"email"'* && $claims == *'"externalId"'* ]] || fail "identity mode both, but the claims are $claims" ;;
    esac
    say "rotation: $total requests across it, none failed; the new secret signed after ${waited} s; identity mode $after kept: $claims"
}

# The rotation check sends hundreds of requests a second as one customer, far above the default
# limit (20 a minute): raised before the service first reads it (on Payara before configure.sh),
# so that even Payara's 60 s config cache sees it. restore.sh removes it with the other kustomer.*
# properties.
raise_customer_limit() {
    local name=kustomer.limit.customer.tokens-per-minute
    [ -z "${limit_raised:-}" ] || return 0
    limit_raised=yes
    if [ "$KIND" = wildfly ]; then
        "$HOME_DIR/bin/jboss-cli.sh" -c --controller="$WT_CONTROLLER" \
            --command="/system-property=$name:add(value=1000000)" > /dev/null
    else
        "${A[@]}" set-config-property --source=domain --propertyname="$name" --propertyvalue=1000000 > /dev/null
    fi
    say "$name=1000000 for the rotation check's load"
}

# Payara rewrites its alias store with its own umask when an alias changes (644 on a default
# install): the scripts must leave it readable by its owner only.
alias_store_is_private() {
    [ "$KIND" = payara ] || return 0
    local mode; mode=$(stat -c %a "$CONF/domain-passwords")
    [ "$mode" = 600 ] || fail "config/domain-passwords has mode $mode after the script; it holds the secret"
    say "config/domain-passwords: mode 600"
}

# Before restore.sh: the README's bearer block (kustomer-bearer.war against the tests' Keycloak,
# which keycloak.sh starts or reuses) and its metrics block, in this shell, each as written.
bearer_and_metrics() {
    [ -z "${bearer_done:-}" ] || return 0
    bearer_done=yes
    bash "$ROOT/src/test/servers/keycloak.sh" start "$ROOT/target/servers/keycloak-26.7.3" > "$WORK/keycloak.log" 2>&1 \
        || { cat "$WORK/keycloak.log"; fail "no Keycloak for the README's bearer block"; }
    say "the README's bearer block"
    eval "$(block '<!-- walkthrough: bearer')" > "$WORK/bearer.log" 2>&1 || { cat "$WORK/bearer.log"; fail "the README's bearer block failed"; }
    # alice of the tests' realm has the verified email of the walk-through's customer.
    local access status waited=0
    access=$(bash "$ROOT/src/test/servers/keycloak.sh" access-token "$ROOT/target/servers/keycloak-26.7.3" alice) \
        || fail "no access token for alice from $OIDC_ISSUER"
    until status=$(curl -s -o "$WORK/bearer.answer" -w '%{http_code}' -X POST -K - "$HTTP/kustomer-bearer/api/v1/tokens" \
            <<<"header = \"Authorization: Bearer $access\""); [ "$status" = 200 ] || [ $waited -ge 60 ]; do
        sleep 1; waited=$((waited + 1))
    done
    [ "$status" = 200 ] || fail "alice's access token answered $status on /kustomer-bearer after the README's bearer block: $(cat "$WORK/bearer.answer")"
    say "bearer: alice's access token got a token from /kustomer-bearer ($(grep -o '"identity":{[^}]*}' "$WORK/bearer.answer"))"
    cors_as_configured
    [ "$KIND" != payara ] || single_sign_on   # WildFly's README says why not there
    say "the README's metrics block"
    eval "$(block '<!-- walkthrough: metrics')" > "$WORK/metrics.out" 2> "$WORK/metrics.err" || { cat "$WORK/metrics.err"; fail "the README's metrics block failed"; }
    grep -q '^kustomer_tokens_issued_total' "$WORK/metrics.out" || fail "the README's metrics URL shows no kustomer_tokens_issued_total"
    say "metrics: $(grep -c '^kustomer_' "$WORK/metrics.out") lines of the WAR's meters"
}

# The bearer block's allowed origin: its preflight granted by both WARs (the list applies to
# every WAR of the server, within Payara's config cache), another origin's refused.
preflight() {
    curl -s -o /dev/null -D - -X OPTIONS -H "Origin: $1" -H 'Access-Control-Request-Method: POST' \
        -H 'Access-Control-Request-Headers: authorization' "$HTTP/$2/api/v1/tokens" | tr -d '\r'
}
cors_as_configured() {
    local war waited=0
    for war in kustomer-bearer kustomer; do
        until preflight https://app.example.com "$war" | grep -qix 'access-control-allow-origin: https://app.example.com' \
                || [ $waited -ge 70 ]; do
            sleep 1; waited=$((waited + 1))
        done
        preflight https://app.example.com "$war" | grep -q '^HTTP/[0-9.]* 204' \
            || fail "the preflight of https://app.example.com, which the bearer block allows, was not granted by /$war: $(preflight https://app.example.com "$war")"
        preflight https://other.example.com "$war" | grep -q '^HTTP/[0-9.]* 403' \
            || fail "another origin's preflight was not refused by /$war"
    done
    say "CORS: https://app.example.com's preflight granted by both WARs, another origin's refused"
}

# The README's single sign-on blocks, with the test web app src/test/sso-app (a form login against
# the same realm) as the administrator's own app: between them, the app's page gets a token with
# no second login and pages of other origins get none, in Debian's chromium.
single_sign_on() {
    say "the README's single sign-on block, src/test/sso-app as the web app"
    jar --create --file "$WORK/signed-in-app.war" -C "$ROOT/src/test/sso-app" .
    eval "$(block '<!-- walkthrough: single sign-on on')" > "$WORK/sso.log" 2>&1 || { cat "$WORK/sso.log"; fail "the README's single sign-on block failed"; }
    [ -f "$ROOT/src/test/node/node_modules/puppeteer-core/package.json" ] \
        || (cd "$ROOT/src/test/node" && npm ci --no-audit --no-fund --loglevel=error)
    KUSTOMER_SECRET=$signing_secret SSO_USER=$customer SSO_PASSWORD=$password \
        node "$ROOT/src/test/node/single-sign-on-in-chromium.mjs" "$HTTP" > "$WORK/sso-browser.log" 2>&1 \
        || { cat "$WORK/sso-browser.log"; fail "single sign-on in chromium"; }
    sed 's/^/    /' "$WORK/sso-browser.log"
    say "the README's block that ends single sign-on"
    eval "$(block '<!-- walkthrough: single sign-on off')" > "$WORK/sso-off.log" 2>&1 || { cat "$WORK/sso-off.log"; fail "the README's block that ends single sign-on failed"; }
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$HTTP/signed-in-app/app/")
    [ "$status" = 404 ] || fail "the test web app still answers ($status) after the README's block that ends single sign-on"
}

# --- the walk-through, line by line, in this shell (cd and export carry over) -----------------
say "running the walk-through of ${README#"$ROOT"/}"
cd "$ROOT"
while IFS= read -r -u 3 line; do
    case "$line" in
        ''|'#'*) continue ;;
        curl\ *)
            url=$(grep -oE 'http://[^ ]+' <<<"$line")
            status=$(sed -n 's/.*# *\(now \)\{0,1\}\([0-9][0-9][0-9]\).*/\2/p' <<<"$line")
            [ -n "$url" ] && [ -n "$status" ] || fail "a curl line without URL or expected status: $line"
            expect_status "$url" "$status" ;;
        'install -m 600 /dev/null '*)
            # The administrator then writes the new secret into the empty file (an editor).
            say "\$ $line"
            file=$(awk '{print $5}' <<<"$line"); eval "file=$file"
            cp -p "$file" "$WORK/edited"
            eval "$line"
            [ "$(stat -c %a "$file")" = 600 ] && [ ! -s "$file" ] || fail "$file is not an empty file of mode 600 after: $line"
            cat "$WORK/edited" > "$file" ;;
        *rotate-secret.sh*)
            say "\$ $line"; around_rotation "$line"; alias_store_is_private ;;
        ./restore.sh*)
            bearer_and_metrics
            say "\$ $line"; eval "$line" ;;
        *)
            # Payara keeps a setting for 60 s from its first read, and readiness reads the limits
            # as soon as configure.sh has deployed: there the limit is raised before.
            [[ $line != *configure.sh* || $KIND != payara ]] || raise_customer_limit
            say "\$ $line"; eval "$line"
            [[ $line != *configure.sh* ]] || { alias_store_is_private; raise_customer_limit; } ;;
    esac
done 3< "$WORK/block.sh"

# --- the scripts made the server log no error --------------------------------------------------
# A failed management operation is an ERROR line in WildFly's log (WFLYCTL0013): the scripts
# must not fail one on the way (asking whether a user exists, say).
if [ "$KIND" = wildfly ]; then
    errors=$(tail -n +"$((log_lines_before + 1))" "$SERVER_LOG" | grep -E ' ERROR ' || true)
    [ -z "$errors" ] || { printf '%s\n' "$errors" | head -20; fail "the walk-through's scripts made WildFly log the ERROR lines above"; }
    say "server.log: no ERROR line during the walk-through"
fi

# --- restore.sh gave everything back ---------------------------------------------------------
# Payara fills in these empty elements (no setting in them) the first time an application is
# deployed to a domain, ours or any other, and adds its default managed thread factory (a
# system resource of every domain, with its reference) the first time an application uses it
# (the audit writer): they are the only lines allowed to differ.
payara_own_lines() {
    grep -vxE '\s*<(cdi-service|microprofile-openapi-configuration|store-properties|manager-properties|session-properties|jdbc-config-source-configuration)></[a-z-]+>|\s*</?(web-container|session-config|session-manager)>|\s*<managed-thread-factory object-type="system-all" jndi-name="concurrent/__defaultManagedThreadFactory"></managed-thread-factory>|\s*<resource-ref ref="concurrent/__defaultManagedThreadFactory"></resource-ref>' "$1" || true
}
if [ "$KIND" = payara ]; then
    payara_own_lines "$WORK/config.before" > "$WORK/config.before.compared"
    payara_own_lines "$CONF/$CONFIG_FILE" > "$WORK/config.after.compared"
    if ! diff -q "$WORK/config.before" "$CONF/$CONFIG_FILE" > /dev/null; then
        say "lines Payara added itself: $(diff "$WORK/config.before" "$CONF/$CONFIG_FILE" | grep -c '^>')"
    fi
else
    cp "$WORK/config.before" "$WORK/config.before.compared"
    cp "$CONF/$CONFIG_FILE" "$WORK/config.after.compared"
fi
cmp -s "$WORK/config.before.compared" "$WORK/config.after.compared" \
    || { diff "$WORK/config.before.compared" "$WORK/config.after.compared" | head -40; fail "$CONFIG_FILE differs after restore.sh"; }
configuration_state > "$WORK/state.after"
cmp -s "$WORK/state.before" "$WORK/state.after" \
    || { diff "$WORK/state.before" "$WORK/state.after"; fail "files or their modes beside $CONFIG_FILE differ after restore.sh"; }
say "restore.sh: $CONFIG_FILE byte-identical$([ "$KIND" = wildfly ] || echo " but for Payara's own empty elements"), every file beside it and its mode as before"
say "passed"
