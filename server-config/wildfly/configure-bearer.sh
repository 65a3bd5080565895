#!/usr/bin/env bash
# Deploy kustomer-bearer.war: callers send an access token of the app's OpenID provider instead
# of a password (README.md, "Callers with an access token"). It can run beside kustomer.war
# (BASIC, configure.sh), which provides the secret both WARs sign with: run configure.sh first.
# Safe to run again (it redeploys, so changed settings take effect).
#
#   configure-bearer.sh --war PATH --issuer URL --jwks URL --audience AUD [--external-id-claim CLAIM]
#                       [--keys-kept-seconds SECONDS|default] [--cors-origins ORIGINS|none]
#
#   --issuer URL       the provider's issuer, exactly as its tokens' iss claim says it
#                      (mp.jwt.verify.issuer).
#   --jwks URL         where the provider publishes its signing keys (mp.jwt.verify.publickey.location).
#   --audience AUD     what a token's aud claim must name; tokens issued for other clients of the
#                      same provider are refused (mp.jwt.verify.audiences). Required.
#   --external-id-claim CLAIM  the claim whose value is a customer's externalId
#                      (kustomer.bearer.external-id-claim; the service's default: sub). Not given:
#                      the server's current value is kept.
#   --keys-kept-seconds SECONDS  how long the provider's keys are trusted after a fetch, 15 to 3600
#                      (kustomer.bearer.keys-kept-seconds; the service's default: 60): a key the
#                      provider removes is refused within it; default removes the setting. Not
#                      given: left as it is.
#   --cors-origins ORIGINS  the single-page apps' origins that may call from a browser
#                      (kustomer.cors.allowed-origins, comma-separated, e.g. https://app.example.com;
#                      docs/clients.md); none removes the list. Not given: left as it is.
#
# The MP-JWT settings are system properties, so they apply to every MP-JWT deployment of this
# server. restore.sh undoes this script as well.
source "$(dirname "$0")/common.sh"
war= issuer= jwks= audience= claim= kept= cors=
while [ $# -gt 0 ]; do
    case "$1" in
        --war) war=${2:?}; shift 2 ;;
        --issuer) issuer=${2:?}; shift 2 ;;
        --jwks) jwks=${2:?}; shift 2 ;;
        --audience) audience=${2:?}; shift 2 ;;
        --external-id-claim) claim=${2:?}; shift 2 ;;
        --keys-kept-seconds) kept=${2:?}; shift 2 ;;
        --cors-origins) [ $# -ge 2 ] || die "$1 needs a value"; cors=$2; check_cors_option "$cors"; shift 2 ;;
        *) die "unknown argument $1 (see the head of $0)" ;;
    esac
done
[ -n "$war" ] || die "--war PATH: kustomer-bearer.war"
[ -f "$war" ] || die "$war: no such file (--war takes the path of kustomer-bearer.war, e.g. the absolute path of the project's target/kustomer-bearer.war)"
check_provider_url() {
    [[ "$2" =~ ^https?://[^[:space:]]+$ ]] || die "$1 must be an http(s) URL, not '$2'"
    [[ "$2" =~ ^https:// || "$2" =~ ^http://(127\.0\.0\.1|localhost|\[::1\])[:/] ]] \
        || echo "WARNING: $1 $2 is plain HTTP to another machine: use https outside a test set-up" >&2
}
check_provider_url --issuer "$issuer"
check_provider_url --jwks "$jwks"
[[ "$audience" =~ ^[^[:space:]]+$ ]] || die "--audience AUD: the audience tokens must name (no spaces)"
[ -z "$claim" ] || [[ "$claim" =~ ^[A-Za-z0-9_.:-]{1,64}$ ]] || die "--external-id-claim: a claim name"
[ -z "$kept" ] || [ "$kept" = default ] || { [[ "$kept" =~ ^[0-9]{1,4}$ ]] && [ "$kept" -ge 15 ] && [ "$kept" -le 3600 ]; } \
    || die "--keys-kept-seconds: a whole number of seconds from 15 to 3600, or default"
[ "$claim" != email ] || die "--external-id-claim cannot be email: use configure.sh --identity email, which uses the email only when the provider verified it"
"$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --command=':read-attribute(name=process-type)' >/dev/null 2>&1 \
    || die "cannot reach the server through $CONTROLLER (not running? management access?)"
[ -n "$(read_attribute /system-property=kustomer.secret value)" ] \
    || die "kustomer.secret is not set on this server: run configure.sh first (both WARs sign with that secret)"

# WildFly 39's standalone.xml has the MP-JWT subsystem; an older or trimmed configuration may not.
if ! dmr '/subsystem=microprofile-jwt-smallrye:read-resource' >/dev/null 2>&1; then
    die "this server has no microprofile-jwt-smallrye subsystem: start it with standalone-microprofile.xml, or add org.wildfly.extension.microprofile.jwt-smallrye and its subsystem"
fi

echo "== MP-JWT: issuer, JWKS, audience"
set_system_property mp.jwt.verify.issuer "$issuer" > /dev/null
set_system_property mp.jwt.verify.publickey.location "$jwks" > /dev/null
set_system_property mp.jwt.verify.audiences "$audience" > /dev/null
[ -z "$claim" ] || { echo "== kustomer.bearer.external-id-claim=$claim"; set_system_property kustomer.bearer.external-id-claim "$claim" > /dev/null; }
case "$kept" in
    '') ;;
    default) echo "== kustomer.bearer.keys-kept-seconds: the service's default"; remove_system_property kustomer.bearer.keys-kept-seconds ;;
    *) echo "== kustomer.bearer.keys-kept-seconds=$kept"; set_system_property kustomer.bearer.keys-kept-seconds "$kept" > /dev/null ;;
esac
apply_cors_origins "$cors"
echo "== deploy $war"
deploy_war kustomer-bearer.war "$war"
echo "configured: POST http://<host>:<port>/kustomer-bearer/api/v1/tokens with Authorization: Bearer <access token>"
