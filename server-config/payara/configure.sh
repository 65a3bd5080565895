#!/usr/bin/env bash
# Configure a running Payara Server 6 domain for the Kustomer token service and deploy it.
# Safe to run again: users, the alias and the properties given are updated, the WAR redeployed.
# To change only the secret, without a redeploy: rotate-secret.sh. See README.md next to this script.
#
#   configure.sh path/to/kustomer.war
#
# Inputs (environment):
#   KUSTOMER_SECRET_FILE     file whose first line is Kustomer's secret (mode 600). Without it
#                            (and without the next two), the secret is asked for on the terminal.
#   KUSTOMER_SECRET_FROM_KUSTOMER  ORG: fetch the secret from https://ORG.api.kustomerapp.com (US)
#                            with a Kustomer API key (roles org.admin.apps, or org.admin and
#                            org.user). Needs a JDK 17+ (KUSTOMER_JAVA or JAVA_HOME) and
#                            server-config/shared beside this folder.
#   KUSTOMER_SECRET_FROM_KUSTOMER_URL  the same from another API base, e.g. the EU's
#                            https://ORG.api.prod2.kustomerapp.com.
#   KUSTOMER_API_KEY_FILE    with either: the API key on the first line (mode 600); without it,
#                            the key is asked for on the terminal (no echo).
#   KUSTOMER_USERS_FILE      optional: file-realm users, "name groups [password-file]" a line
#                            (groups comma-separated or "-"). Without it no user is touched
#                            (e.g. an LDAP realm).
#   KUSTOMER_PASSWORD_DIR    where a user's password file is when the line names none:
#                            $KUSTOMER_PASSWORD_DIR/<name>.password (mode 600, the password on
#                            the first line). Missing file: asked for on the terminal.
#   KUSTOMER_EXISTING_USERS  update (default: new password and groups) or skip.
#   KUSTOMER_TOKEN_IDENTITY  externalId | email | both, or default (the property is removed, the
#                            app's default externalId applies); unset: left as it is.
#   KUSTOMER_SECRET_ALLOW_SHORT  true | false, or default (removed: false); unset: left as it is.
#   KUSTOMER_CORS_ALLOWED_ORIGINS  browser apps on these origins may call both applications
#                            (comma-separated, e.g. https://app.example.com; docs/clients.md), or
#                            default (removed: no CORS); unset: left as it is. Applies live.
#   KUSTOMER_CONFIG_CACHE_SECONDS  optional: set-config-cache for the whole server (default: not
#                            touched; Payara caches MicroProfile Config values for 60 s).
#   ASADMIN, ASADMIN_OPTS, ADMIN_PASSWORD_FILE, KUSTOMER_TARGET, KUSTOMER_REALM,
#   KUSTOMER_APP_NAME, KUSTOMER_SECRET_ALIAS, KUSTOMER_CONFIG, KUSTOMER_HTTP_LISTENER,
#   KUSTOMER_HTTPS_LISTENER: see README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

WAR="$(war_argument kustomer.war "$@")"

case "${KUSTOMER_EXISTING_USERS:=update}" in update|skip) ;; *) die "KUSTOMER_EXISTING_USERS must be update or skip" ;; esac
case "${KUSTOMER_TOKEN_IDENTITY:-}" in ''|externalId|email|both|default) ;; *) die "KUSTOMER_TOKEN_IDENTITY must be externalId, email, both or default" ;; esac
case "${KUSTOMER_SECRET_ALLOW_SHORT:-}" in ''|true|false|default) ;; *) die "KUSTOMER_SECRET_ALLOW_SHORT must be true, false or default" ;; esac
check_cors_setting
case "${KUSTOMER_CONFIG_CACHE_SECONDS:-}" in ''|[0-9]|[0-9][0-9]|[0-9][0-9][0-9]|[0-9][0-9][0-9][0-9]) ;; *) die "KUSTOMER_CONFIG_CACHE_SECONDS must be a number of seconds" ;; esac

# --- read every input first, so that a bad input changes nothing on the server -------------
# The length rule the service will apply: the allow-short given, else the domain's current one.
allow_short="${KUSTOMER_SECRET_ALLOW_SHORT:-$(config_property kustomer.secret.allow-short)}"
read_new_secret "${allow_short/default/false}"
check_secret_length "${allow_short/default/false}"

USERS=()
declare -A USER_PW=()
if [ -n "${KUSTOMER_USERS_FILE:-}" ]; then
  users_text="$(read_users_file "$KUSTOMER_USERS_FILE")"
  while read -r name groups pwf; do
    [ -n "$name" ] || continue
    if [ "$pwf" = - ]; then pwf="${KUSTOMER_PASSWORD_DIR:-.}/$name.password"
    elif [[ "$pwf" != /* ]]; then pwf="$(dirname "$KUSTOMER_USERS_FILE")/$pwf"; fi
    if [ -f "$pwf" ]; then USER_PW[$name]="$(read_secret_file "$pwf")"
    else USER_PW[$name]="$(prompt_secret "password for $name")"; fi
    USERS+=("$name $groups")
  done <<<"$users_text"
fi

# --- 1. users and groups in the file realm ----------------------------------------------------
for entry in ${USERS[@]+"${USERS[@]}"}; do
  name="${entry%% *}"; groups="${entry#* }"
  group_opt=()
  [ "$groups" = - ] || group_opt=(--groups "${groups//,/:}")
  if file_user_exists "$name"; then
    if [ "$KUSTOMER_EXISTING_USERS" = skip ]; then
      log "user $name exists: skipped (KUSTOMER_EXISTING_USERS=skip)"; continue
    fi
    pwf="$(password_file AS_ADMIN_USERPASSWORD "${USER_PW[$name]}")"
    [ "$groups" = - ] && group_opt=(--groups "")
    asadmin_with "$pwf" update-file-user --authrealmname "$KUSTOMER_REALM" --target "$(config_target)" "${group_opt[@]}" "$name"
    log "user $name exists: password and groups ($groups) updated"
  else
    pwf="$(password_file AS_ADMIN_USERPASSWORD "${USER_PW[$name]}")"
    asadmin_with "$pwf" create-file-user --authrealmname "$KUSTOMER_REALM" --target "$(config_target)" ${group_opt[@]+"${group_opt[@]}"} "$name"
    log "user $name created with groups $groups"
  fi
  rm -f "$pwf"
done
unset USER_PW

# --- 2. MicroProfile Config properties (domain source): only those given --------------------
apply_property kustomer.token.identity "${KUSTOMER_TOKEN_IDENTITY:-}"
apply_property kustomer.cors.allowed-origins "${KUSTOMER_CORS_ALLOWED_ORIGINS:-}"
# A short secret is allowed before it is stored, and disallowed only after the new one is in.
[ "${KUSTOMER_SECRET_ALLOW_SHORT:-}" != true ] || apply_property kustomer.secret.allow-short true

# --- 3. the secret as a password alias --------------------------------------------------------
# The literal ${ALIAS=...} is what is stored; Payara resolves it when the app reads the value.
if [ "$KUSTOMER_TARGET" = server ]; then
  store_secret_alias
  [ "$(config_property kustomer.secret)" = "\${ALIAS=$KUSTOMER_SECRET_ALIAS}" ] \
    || set_property kustomer.secret "\${ALIAS=$KUSTOMER_SECRET_ALIAS}"
else
  group_secret_alias   # GROUP.md: the secret of a group
fi
[ "${KUSTOMER_SECRET_ALLOW_SHORT:-}" = true ] || apply_property kustomer.secret.allow-short "${KUSTOMER_SECRET_ALLOW_SHORT:-}"
if [ -n "${KUSTOMER_CONFIG_CACHE_SECONDS:-}" ]; then
  asadmin_run set-config-cache --durationinseconds="$KUSTOMER_CONFIG_CACHE_SECONDS" --target="$(config_target)"
fi

# The audit trail's own file (README: Audit trail); applies from the domain's next restart.
route_audit_log

# --- 4. listener settings (README: listener settings) ------------------------------------------
# Answers name no product or Java version.
for listener in "$KUSTOMER_HTTP_LISTENER" "$KUSTOMER_HTTPS_LISTENER"; do
  listener_http "$listener" xpowered-by false
  listener_http "$listener" server-header false
done

# A failed login is the caller's mistake, and so are an HTTP/2 connection dropped without a GOAWAY
# and a refused access token: Payara logs each (the last at INFO with a stack trace), so anyone
# could fill the log. Only SEVERE lines are kept.
asadmin_run set-log-levels --target "$(config_target)" "$KUSTOMER_LOGIN_LOGGER=SEVERE:$KUSTOMER_HTTP2_LOGGER=SEVERE:$KUSTOMER_ACCESS_TOKEN_LOGGER=SEVERE"

# --- 5. deploy (or redeploy) ------------------------------------------------------------------
if app_deployed "$KUSTOMER_APP_NAME"; then
  log "$KUSTOMER_APP_NAME is deployed: redeploying"
fi
deploy_app "$KUSTOMER_APP_NAME" "$WAR"
log "done: $KUSTOMER_APP_NAME deployed; POST /kustomer/api/v1/tokens"
await_readiness
