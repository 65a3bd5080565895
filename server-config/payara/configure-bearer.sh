#!/usr/bin/env bash
# Deploy kustomer-bearer.war: callers send an access token of the app's OpenID provider instead
# of a password (README.md next to this script, "Callers with an access token"). It can run beside
# kustomer.war, whose configure.sh provides the secret both WARs sign with: run configure.sh first.
# Safe to run again: it redeploys, which the WAR needs to see changed settings.
#
#   configure-bearer.sh path/to/kustomer-bearer.war
#
# Inputs (environment):
#   KUSTOMER_OIDC_ISSUER     the provider's issuer, exactly as its tokens' iss claim says it
#                            (mp.jwt.verify.issuer). Required.
#   KUSTOMER_OIDC_JWKS       where the provider publishes its signing keys
#                            (mp.jwt.verify.publickey.location). Required.
#   KUSTOMER_OIDC_AUDIENCE   what a token's aud claim must name; tokens issued for other clients
#                            of the same provider are refused (mp.jwt.verify.audiences). Required.
#   KUSTOMER_BEARER_EXTERNAL_ID_CLAIM  the claim whose value is a customer's externalId
#                            (kustomer.bearer.external-id-claim; the service's default: sub), or
#                            default (removed); unset: left as it is.
#   KUSTOMER_BEARER_KEYS_KEPT_SECONDS  how long the provider's keys are trusted after a fetch,
#                            15 to 3600 (kustomer.bearer.keys-kept-seconds; the service's default:
#                            60): a key the provider removes is refused within it. Or default
#                            (removed); unset: left as it is.
#   KUSTOMER_CORS_ALLOWED_ORIGINS  the single-page apps' origins that may call from a browser
#                            (kustomer.cors.allowed-origins, comma-separated, e.g.
#                            https://app.example.com; docs/clients.md), or default (removed);
#                            unset: left as it is.
#   KUSTOMER_BEARER_APP_NAME the application name (default kustomer-bearer).
# The MP-JWT settings are domain-wide MicroProfile Config properties. restore.sh undoes this too.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

WAR="$(war_argument kustomer-bearer.war "$@")"

check_provider_url() {
  [[ "${2:-}" =~ ^https?://[^[:space:]]+$ ]] || die "$1 must be an http(s) URL, not '${2:-}'"
  [[ "$2" =~ ^https:// || "$2" =~ ^http://(127\.0\.0\.1|localhost|\[::1\])[:/] ]] \
    || log "WARNING: $1=$2 is plain HTTP to another machine: use https outside a test set-up"
}
check_provider_url KUSTOMER_OIDC_ISSUER "${KUSTOMER_OIDC_ISSUER:-}"
check_provider_url KUSTOMER_OIDC_JWKS "${KUSTOMER_OIDC_JWKS:-}"
[[ "${KUSTOMER_OIDC_AUDIENCE:-}" =~ ^[^[:space:]]+$ ]] \
  || die "KUSTOMER_OIDC_AUDIENCE: the audience tokens must name (no spaces)"
claim="${KUSTOMER_BEARER_EXTERNAL_ID_CLAIM:-}"
[ -z "$claim" ] || [ "$claim" = default ] || [[ "$claim" =~ ^[A-Za-z0-9_.:-]{1,64}$ ]] \
  || die "KUSTOMER_BEARER_EXTERNAL_ID_CLAIM: a claim name"
kept="${KUSTOMER_BEARER_KEYS_KEPT_SECONDS:-}"
[ -z "$kept" ] || [ "$kept" = default ] || { [[ "$kept" =~ ^[0-9]{1,4}$ ]] && [ "$kept" -ge 15 ] && [ "$kept" -le 3600 ]; } \
  || die "KUSTOMER_BEARER_KEYS_KEPT_SECONDS: a whole number of seconds from 15 to 3600, or default"
check_cors_setting
[ "$claim" != email ] || die "KUSTOMER_BEARER_EXTERNAL_ID_CLAIM cannot be email: set KUSTOMER_TOKEN_IDENTITY=email, which uses the email only when the provider verified it"
[ -n "$(config_property kustomer.secret)" ] \
  || die "kustomer.secret is not set in this domain: run configure.sh first (both WARs sign with that secret)"

# Set before the deploy: the WAR reads them when it starts.
set_property mp.jwt.verify.issuer "$KUSTOMER_OIDC_ISSUER"
set_property mp.jwt.verify.publickey.location "$KUSTOMER_OIDC_JWKS"
set_property mp.jwt.verify.audiences "$KUSTOMER_OIDC_AUDIENCE"
apply_property kustomer.bearer.external-id-claim "$claim"
apply_property kustomer.bearer.keys-kept-seconds "$kept"
apply_property kustomer.cors.allowed-origins "${KUSTOMER_CORS_ALLOWED_ORIGINS:-}"

deploy_app "$KUSTOMER_BEARER_APP_NAME" "$WAR"
log "done: $KUSTOMER_BEARER_APP_NAME deployed; POST /kustomer-bearer/api/v1/tokens with Authorization: Bearer <access token>"
await_readiness
