#!/usr/bin/env bash
# Change the Kustomer secret of a configured WildFly, and nothing else: no redeploy, every other
# setting (kustomer.token.identity, kustomer.secret.allow-short, users) stays as it is.
#
#   rotate-secret.sh --secret-file FILE     FILE (mode 600/400): the new secret on its first line
#   rotate-secret.sh --secret-prompt        ask on the terminal (twice, no echo)
#   rotate-secret.sh --secret-from-kustomer ORG [--api-key-file FILE]
#   rotate-secret.sh --secret-from-kustomer-url URL [--api-key-file FILE]
#                                           fetch it from Kustomer's API with an API key (file of
#                                           mode 600/400, or asked for): see configure.sh
#
# The server encrypts the new secret with the KustomerKeys key and the system property
# kustomer.secret takes the new ${ENC::kustomer:...} at once (with KUSTOMER_TARGET: on every
# server of the group); the service signs with it within kustomer.config.reread-ms (1 s by
# default), and this script returns only after that, so that every token asked for after it
# returned is signed with the new secret. Requests in flight are not interrupted: each token is
# signed with the old or the new secret, never anything else (RotationUnderLoadIT).
source "$(dirname "$0")/common.sh"

usage="usage: $0 --secret-file FILE | --secret-prompt | --secret-from-kustomer ORG [--api-key-file FILE] | --secret-from-kustomer-url URL [--api-key-file FILE]"
secret_mode= secret_file= api_key_file= kustomer_source=()
while [ $# -gt 0 ]; do
    case "$1" in
        --secret-file|--secret-from-kustomer|--secret-from-kustomer-url)
            [ $# -ge 2 ] || die "$usage"; secret_source_option "$1" "$2"; shift 2 ;;
        --secret-prompt) secret_source_option "$1"; shift ;;
        --api-key-file) [ $# -ge 2 ] || die "$usage"; api_key_file=$2; shift 2 ;;
        *) die "$usage" ;;
    esac
done
[ -n "$secret_mode" ] || die "$usage"
[ -z "$api_key_file" ] || [ "$secret_mode" = kustomer ] || die "--api-key-file goes with --secret-from-kustomer or --secret-from-kustomer-url"

current=$(read_attribute /system-property=kustomer.secret value)
case "$current" in
    '${ENC::kustomer:'*) ;;
    '') die "kustomer.secret is not set on the server at $CONTROLLER: run configure.sh first" ;;
    '${env.KUSTOMER_SECRET}') die "kustomer.secret comes from the server's environment (configure.sh --secret-from-env): change KUSTOMER_SECRET there and restart the server" ;;
    *) die "kustomer.secret is not one configure.sh stored; run configure.sh --secret-file to store it encrypted" ;;
esac

allow_short=$(read_attribute /system-property=kustomer.secret.allow-short value)
if [ "$secret_mode" = kustomer ]; then
    secret=$(fetch_new_secret "$allow_short") || exit 1
else
    secret=$(read_new_secret "$secret_mode" "$secret_file")
fi
check_secret_length "$secret" "$allow_short"
reread_ms=$(read_attribute /system-property=kustomer.config.reread-ms value)
[[ "$reread_ms" =~ ^[0-9]{1,7}$ ]] || reread_ms=1000    # not set, or an expression: the service's default
store_encrypted_secret "$secret"
unset secret
# A server signs with it once its last read of the configuration is older than reread-ms.
sleep $(( reread_ms / 1000 + 1 ))
echo "kustomer.secret changed; ${TARGET:+every server of $TARGET}${TARGET:-the service} signs with it now (after kustomer.config.reread-ms). Nothing else was changed."
