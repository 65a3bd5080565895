#!/usr/bin/env bash
# Change the Kustomer secret of a configured domain, and nothing else: the password alias gets the
# new value; no redeploy, no property, user or listener is touched. See README.md next to this script.
#
#   rotate-secret.sh
#
# Inputs (environment): KUSTOMER_SECRET_FILE (first line: the new secret, mode 600), or
# KUSTOMER_SECRET_FROM_KUSTOMER=ORG / KUSTOMER_SECRET_FROM_KUSTOMER_URL=URL with KUSTOMER_API_KEY_FILE
# to fetch it from Kustomer's API (see configure.sh); with none of them the secret is asked for on
# the terminal. And ASADMIN, ASADMIN_OPTS, ADMIN_PASSWORD_FILE, KUSTOMER_SECRET_ALIAS as for
# configure.sh.
#
# When the service signs with it: once Payara's MicroProfile Config cache (60 s unless
# set-config-cache changed it) and the service's own re-read (1 s) have passed. Until then
# tokens are signed with the old secret; requests in flight are not interrupted. For a group the
# script returns only then (it waits the cache of the group's configuration and 5 s).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ $# -eq 0 ] || die "usage: ${0##*/} (no arguments; the new secret from KUSTOMER_SECRET_FILE or the terminal)"

# configure.sh has run: kustomer.secret refers to the alias (for a group: one of its two), which exists.
in_use="$(config_property kustomer.secret)"
case "$in_use" in
  "\${ALIAS=$KUSTOMER_SECRET_ALIAS}") ;;
  "\${ALIAS=$KUSTOMER_SECRET_ALIAS-b}") [ "$KUSTOMER_TARGET" != server ] || die "kustomer.secret refers to $KUSTOMER_SECRET_ALIAS-b, the alias of a group: set KUSTOMER_TARGET" ;;
  *) die "kustomer.secret does not refer to the alias $KUSTOMER_SECRET_ALIAS: run configure.sh first" ;;
esac
in_use="${in_use#\$\{ALIAS=}"; in_use="${in_use%\}}"
alias_exists "$in_use" || die "no password alias $in_use on this domain: run configure.sh first"

allow_short="$(config_property kustomer.secret.allow-short)"
read_new_secret "$allow_short"
check_secret_length "$allow_short"
if [ "$KUSTOMER_TARGET" = server ]; then
  store_secret_alias
else
  group_secret_alias
fi
if [ "$KUSTOMER_TARGET" = server ]; then
  log "done: the service signs with the new secret once the MicroProfile Config cache ($(config_cache_seconds) s) and its own re-read (1 s) have passed; nothing else was changed"
else
  log "done: every instance of $KUSTOMER_TARGET signs with the new secret; nothing else was changed"
fi
