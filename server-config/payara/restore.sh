#!/usr/bin/env bash
# Undo configure.sh and configure-bearer.sh: undeploy both applications, delete the file-realm
# users, the password alias and the MicroProfile Config properties, and set the listener settings
# back to Payara's defaults.
# Safe to run again: what is already gone is skipped.
# See README.md next to this script.
#
#   restore.sh
#
# Inputs (environment): KUSTOMER_USERS_FILE (the same file configure.sh used; only the names
# are read, no password is needed), KUSTOMER_CONFIG_CACHE_SECONDS (if set, the server's
# MicroProfile Config cache is set back to Payara's default of 60 s), and ASADMIN,
# ASADMIN_OPTS, ADMIN_PASSWORD_FILE, KUSTOMER_TARGET, KUSTOMER_REALM, KUSTOMER_APP_NAME, KUSTOMER_BEARER_APP_NAME,
# KUSTOMER_SECRET_ALIAS, KUSTOMER_CONFIG, KUSTOMER_HTTP_LISTENER, KUSTOMER_HTTPS_LISTENER as
# for configure.sh. The listener settings go back to Payara's defaults (Server and X-Powered-By
# headers on).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ $# -eq 0 ] || die "usage: ${0##*/} (no arguments; inputs from the environment)"

names=()
if [ -n "${KUSTOMER_USERS_FILE:-}" ]; then
  users_text="$(read_users_file "$KUSTOMER_USERS_FILE")"
  while read -r name _; do [ -z "$name" ] || names+=("$name"); done <<<"$users_text"
fi

# 1. the applications first, so that neither runs without its configuration
for app in "$KUSTOMER_APP_NAME" "$KUSTOMER_BEARER_APP_NAME"; do
  if app_deployed "$app"; then
    asadmin_run undeploy --target "$KUSTOMER_TARGET" "$app"
  else
    log "$app is not deployed: skipped"
  fi
done

# 2. users
for name in ${names[@]+"${names[@]}"}; do
  if file_user_exists "$name"; then
    asadmin_run delete-file-user --authrealmname "$KUSTOMER_REALM" --target "$(config_target)" "$name"
  else
    log "user $name does not exist: skipped"
  fi
done

# 3. properties (delete-config-property succeeds when the property is absent)
for p in "${KUSTOMER_PROPERTIES[@]}"; do
  delete_property "$p"
done
if [ -n "${KUSTOMER_CONFIG_CACHE_SECONDS:-}" ]; then
  asadmin_run set-config-cache --durationinseconds=60 --target="$(config_target)"
fi

# 4. listener settings back to Payara's defaults
for listener in "$KUSTOMER_HTTP_LISTENER" "$KUSTOMER_HTTPS_LISTENER"; do
  listener_http "$listener" xpowered-by true
  listener_http "$listener" server-header true
done
asadmin_run set-log-levels --target "$(config_target)" "$KUSTOMER_LOGIN_LOGGER=INFO:$KUSTOMER_HTTP2_LOGGER=INFO:$KUSTOMER_ACCESS_TOKEN_LOGGER=INFO"

unroute_audit_log

# 5. the alias, last: nothing refers to it any more; the alias store gets its mode back
store="$(domain_passwords_file)"
for alias_name in "$KUSTOMER_SECRET_ALIAS" "$KUSTOMER_SECRET_ALIAS-b"; do
  if alias_exists "$alias_name"; then
    asadmin_run delete-password-alias "$alias_name"
  elif [ "$alias_name" = "$KUSTOMER_SECRET_ALIAS" ]; then
    log "password alias $alias_name does not exist: skipped"
  fi
done
marker="${store:+$(domain_passwords_mode_marker "$store")}"
if [ -n "$marker" ] && [ -f "$marker" ]; then
  chmod "$(cat "$marker")" "$store"
  rm -f "$marker"
  log "config/domain-passwords has its mode from before configure.sh again"
fi
log "done: $KUSTOMER_APP_NAME, its users, properties and alias are gone"
