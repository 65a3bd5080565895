#!/usr/bin/env bash
# The Keycloak set-up of docs/bearer.md, run as written against the tests' Keycloak:
#   keycloak-walkthrough.sh KC_HOME
# It makes what an administrator already has (a realm with an app client my-app, a back-end
# client my-bff with service accounts, a user alice with a verified email), then runs the
# ```sh block after "<!-- walkthrough: keycloak" in docs/bearer.md, changing only the Keycloak
# installation, its address and the realm's name, with the admin password in KC_CLI_PASSWORD
# (where an administrator types it at the prompt). Then it asks that realm for an access token
# as alice (password grant) and as my-bff (client credentials) and checks what the service
# relies on: aud names kustomer-token-service, groups is exactly the caller's group, alice's
# email is verified. The realm is deleted at the end.
set -Eeuo pipefail

readonly KC_HOME=$(cd "${1:?KC_HOME}" 2>/dev/null && pwd || echo "$1")
readonly ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
readonly DOC=$ROOT/docs/bearer.md URL=http://127.0.0.1:18180 REALM=walkthrough
readonly WORK=$(mktemp -d "${TMPDIR:-/tmp}/kustomer-keycloak-walkthrough.XXXXXX")
say() { echo "[walkthrough:keycloak $(date +%T)] $*"; }
fail() { say "FAILED: $*"; exit 1; }

bash "$ROOT/src/test/servers/keycloak.sh" start "$KC_HOME"
# kcadm.sh keeps its session in ~/.keycloak: this run's own home, and a quick JVM for each call.
export KC_OPTS="-Duser.home=$WORK -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
KC_CLI_PASSWORD=$(cat "$KC_HOME/kustomer-it/admin-password")
export KC_CLI_PASSWORD
kcadm() { "$KC_HOME/bin/kcadm.sh" "$@"; }
cleanup() { kcadm delete "realms/$REALM" > /dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

# --- what the administrator already has -------------------------------------------------------
kcadm config credentials --server "$URL" --realm master --user admin > /dev/null
kcadm delete "realms/$REALM" > /dev/null 2>&1 || true
kcadm create realms -s realm=$REALM -s enabled=true
# Direct access grants only so that this check can sign alice in without a browser.
kcadm create clients -r $REALM -s clientId=my-app -s secret=my-app-secret -s directAccessGrantsEnabled=true
kcadm create clients -r $REALM -s clientId=my-bff -s secret=my-bff-secret \
    -s serviceAccountsEnabled=true -s standardFlowEnabled=false
kcadm create users -r $REALM -s username=alice -s email=alice@example.com -s emailVerified=true \
    -s firstName=Alice -s lastName=Customer -s enabled=true
kcadm set-password -r $REALM --username alice --new-password alice-walkthrough-password
rm -rf "$WORK/.keycloak"   # the block logs in itself

# --- the block, as written --------------------------------------------------------------------
block=$(awk 'index($0, "<!-- walkthrough: keycloak") == 1 {on = 1; next} on && /^```sh/ {inside = 1; next} inside && /^```/ {exit} inside' "$DOC")
[ -n "$block" ] || fail "no block after '<!-- walkthrough: keycloak' in $DOC"
block=${block//\/opt\/keycloak/$KC_HOME}
block=${block//https:\/\/keycloak.example.com/$URL}
block=${block//REALM=myrealm/REALM=$REALM}
say "running the Keycloak set-up of docs/bearer.md"
(cd "$WORK" && bash -Eeuo pipefail -c "$block") < /dev/null || fail "the block failed"

# --- what the realm's access tokens now say ---------------------------------------------------
claims() {  # claims ARGS...: the access token's claims, from the token endpoint of the realm
    curl -sf "$@" "$URL/realms/$REALM/protocol/openid-connect/token" \
        | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
              const p = JSON.parse(Buffer.from(JSON.parse(s).access_token.split(".")[1], "base64url"));
              console.log(JSON.stringify({aud: [].concat(p.aud), groups: p.groups, email: p.email, email_verified: p.email_verified})); })'
}
expect() {  # expect WHO CLAIMS GROUP
    node -e 'const [who, json, group] = process.argv.slice(1); const c = JSON.parse(json);
        const problems = [];
        if (!c.aud.includes("kustomer-token-service")) problems.push("aud does not name kustomer-token-service");
        if (JSON.stringify(c.groups) !== JSON.stringify([group])) problems.push("groups is not [" + group + "]");
        if (who === "alice" && (c.email !== "alice@example.com" || c.email_verified !== true)) problems.push("no verified email");
        if (problems.length) { console.error(who + ": " + problems.join("; ") + " in " + json); process.exit(1); }' "$1" "$2" "$3" \
        || fail "the access token of $1 lacks what the service needs"
    say "$1's access token: $2"
}
expect alice "$(claims -d grant_type=password -d client_id=my-app -d client_secret=my-app-secret \
    -d username=alice -d password=alice-walkthrough-password)" kustomer-customer
expect my-bff "$(claims -d grant_type=client_credentials -d client_id=my-bff -d client_secret=my-bff-secret)" \
    kustomer-token-delegate
say "passed"
