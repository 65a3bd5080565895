#!/usr/bin/env bash
# Change the Kustomer secret of a configured WildFly, and nothing else: no redeploy, every other
# setting (kustomer.token.identity, kustomer.secret.allow-short, users) stays as it is.
#
#   rotate-secret.sh --secret-file FILE     FILE (mode 600/400): the new secret on its first line
#   rotate-secret.sh --secret-prompt        ask on the terminal (twice, no echo)
#
# The server encrypts the new secret with the KustomerKeys key and the system property
# kustomer.secret takes the new ${ENC::kustomer:...} at once; the service signs with it within
# kustomer.config.reread-ms (1 s by default). Requests in flight are not interrupted: each token
# is signed with the old or the new secret, never anything else (RotationUnderLoadIT).
source "$(dirname "$0")/common.sh"

case "${1:-}" in
    --secret-file) [ $# -eq 2 ] || die "usage: $0 --secret-file FILE | --secret-prompt"; mode=file ;;
    --secret-prompt) [ $# -eq 1 ] || die "usage: $0 --secret-file FILE | --secret-prompt"; mode=prompt ;;
    *) die "usage: $0 --secret-file FILE | --secret-prompt" ;;
esac

current=$(read_attribute /system-property=kustomer.secret value)
case "$current" in
    '${ENC::kustomer:'*) ;;
    '') die "kustomer.secret is not set on the server at $CONTROLLER: run configure.sh first" ;;
    '${env.KUSTOMER_SECRET}') die "kustomer.secret comes from the server's environment (configure.sh --secret-from-env): change KUSTOMER_SECRET there and restart the server" ;;
    *) die "kustomer.secret is not one configure.sh stored; run configure.sh --secret-file to store it encrypted" ;;
esac

secret=$(read_new_secret "$mode" "${2:-}")
check_secret_length "$secret" "$(read_attribute /system-property=kustomer.secret.allow-short value)"
store_encrypted_secret "$secret"
unset secret
echo "kustomer.secret changed; the service signs with it within a second (kustomer.config.reread-ms). Nothing else was changed."
