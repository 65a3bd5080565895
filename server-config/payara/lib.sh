# Shared by configure.sh and restore.sh. Sourced, never run.
# shellcheck shell=bash
shopt -s inherit_errexit

ASADMIN="${ASADMIN:-asadmin}"
# Connection options for asadmin (e.g. "--host 127.0.0.1 --port 4848 --user admin").
# Word-split on purpose; must not hold --passwordfile (use ADMIN_PASSWORD_FILE).
ASADMIN_OPTS="${ASADMIN_OPTS:-}"
KUSTOMER_APP_NAME="${KUSTOMER_APP_NAME:-kustomer}"
KUSTOMER_BEARER_APP_NAME="${KUSTOMER_BEARER_APP_NAME:-kustomer-bearer}"
KUSTOMER_SECRET_ALIAS="${KUSTOMER_SECRET_ALIAS:-kustomer-secret}"
KUSTOMER_TARGET="${KUSTOMER_TARGET:-server}"
KUSTOMER_REALM="${KUSTOMER_REALM:-file}"
# The configuration the target uses: server-config for the DAS, <cluster>-config for a cluster,
# the one its instances share for a deployment group (resolve_config, at the end of this file).
KUSTOMER_CONFIG="${KUSTOMER_CONFIG:-}"
# The plain-HTTP and the TLS listener whose answers configure.sh hardens (README: listener settings).
KUSTOMER_HTTP_LISTENER="${KUSTOMER_HTTP_LISTENER:-http-listener-1}"
KUSTOMER_HTTPS_LISTENER="${KUSTOMER_HTTPS_LISTENER:-http-listener-2}"
# The parent of Payara's logger of failed web logins (a WARNING each by default). Not that logger
# itself: set before Payara first uses it, it loses its messages and every 403 becomes an error.
KUSTOMER_LOGIN_LOGGER=javax.enterprise.system.container.web.com.sun.web
# Grizzly's HTTP/2 logger: a WARNING with a stack trace for every HTTP/2 connection a caller drops.
KUSTOMER_HTTP2_LOGGER=org.glassfish.grizzly.http2
# Payara's MP-JWT: every refused access token is logged at INFO with a stack trace.
KUSTOMER_ACCESS_TOKEN_LOGGER=fish.payara.microprofile.jwtauth
# Every MicroProfile Config property these scripts may set (restore.sh deletes them all).
KUSTOMER_PROPERTIES=(kustomer.secret kustomer.secret.allow-short kustomer.token.identity
  kustomer.bearer.external-id-claim kustomer.bearer.keys-kept-seconds kustomer.bearer.verified-tokens-kept kustomer.cors.allowed-origins mp.jwt.verify.issuer mp.jwt.verify.publickey.location mp.jwt.verify.audiences
  kustomer.limit.customer.tokens-per-minute kustomer.limit.delegate.tokens-per-minute
  kustomer.limit.identity.tokens-per-minute kustomer.limit.tracked-keys kustomer.limit.scope
  kustomer.request.body-timeout-seconds)

log()  { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

# set_property NAME VALUE: a MicroProfile Config property of the domain. apply_property NAME
# VALUE|default|'': set, deleted (default) or left as it is ('').
# For a group, --target names its instances' configuration: the property then reaches every
# instance at once (without it, only the DAS holds it until each instance restarts).
set_property() {
  asadmin_run set-config-property --source=domain $(property_target) --propertyname="$1" --propertyvalue="$2"
}
delete_property() {
  asadmin_run delete-config-property --source=domain $(property_target) --propertyname="$1"
}
property_target() {
  [ "$KUSTOMER_TARGET" = server ] || printf -- '--target=%s' "$KUSTOMER_CONFIG"
}
apply_property() {
  case "$2" in
    '') ;;
    default) delete_property "$1" ;;
    *) set_property "$1" "$2" ;;
  esac
}

# KUSTOMER_CORS_ALLOWED_ORIGINS: origins (checked here, before anything changes), default or unset.
check_cors_setting() {
  case "${KUSTOMER_CORS_ALLOWED_ORIGINS:-}" in
    ''|default) ;;
    *) # shellcheck source=../shared/cors-origins.sh
       . "$HERE/../shared/cors-origins.sh"
       check_cors_origins "$KUSTOMER_CORS_ALLOWED_ORIGINS" ;;
  esac
}

case " ${ASADMIN_OPTS} " in
  *" --passwordfile"*|*" -W "*|*" -W="*)
    die "ASADMIN_OPTS must not hold --passwordfile; put the admin password in the file named by ADMIN_PASSWORD_FILE" ;;
esac
command -v "${ASADMIN%% *}" >/dev/null 2>&1 || [ -x "$ASADMIN" ] || die "asadmin not found: set ASADMIN to its path"

umask 077
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kustomer-asadmin.XXXXXXXX")"
trap 'rm -rf "$WORK_DIR"' EXIT
trap 'exit 130' INT TERM

# The one argument of configure.sh and configure-bearer.sh: the WAR to deploy, which must exist.
war_argument() {
  local name="$1"; shift
  [ $# -eq 1 ] || die "usage: ${0##*/} path/to/$name"
  [ -f "$1" ] || die "$1: no such file"
  printf '%s' "$1"
}

# A file that holds a secret must not be readable by group or others.
check_private_file() {
  local f="$1" mode
  [ -f "$f" ] || die "$f: no such file"
  [ -r "$f" ] || die "$f: not readable"
  mode="$(file_mode "$f")"
  case "$mode" in
    ?00|00) ;;
    *) die "$f has mode $mode; it holds a secret: chmod 600 '$f'" ;;
  esac
}

# The value of a secret file: its first line, without the line end. Never echoed.
read_secret_file() {
  local f="$1" v=""
  check_private_file "$f"
  IFS= read -r v < "$f" || [ -n "$v" ] || die "$f is empty"
  v="${v%$'\r'}"
  [ -n "$v" ] || die "$f: the first line is empty"
  printf '%s' "$v"
}

# Prompt (no echo) twice when attached to a terminal; otherwise fail.
prompt_secret() {
  local what="$1" a b
  [ -t 0 ] || die "no file for $what and no terminal to ask on"
  IFS= read -rs -p "$what: " a; echo >&2
  IFS= read -rs -p "$what (again): " b; echo >&2
  [ "$a" = "$b" ] || die "the two entries for $what differ"
  [ -n "$a" ] || die "$what is empty"
  printf '%s' "$a"
}

# asadmin reads --passwordfile as a java.properties file: escape the value so it arrives
# byte for byte (backslash, a leading blank, and every non-ASCII character as \uXXXX).
properties_escape() {
  local s="$1" out="" c i code hi lo
  local LC_ALL=C.UTF-8
  for (( i = 0; i < ${#s}; i++ )); do
    c="${s:i:1}"
    printf -v code '%d' "'$c"
    if [ "$c" = '\' ]; then out+='\\'
    elif (( i == 0 )) && [ "$c" = ' ' ]; then out+='\ '
    elif (( code < 32 || code == 127 )); then die "a password or secret holds a control character"
    elif (( code < 127 )); then out+="$c"
    elif (( code < 0x10000 )); then printf -v c '\\u%04x' "$code"; out+="$c"
    else
      (( hi = 0xD800 + ((code - 0x10000) >> 10), lo = 0xDC00 + ((code - 0x10000) & 0x3FF) ))
      printf -v c '\\u%04x\\u%04x' "$hi" "$lo"; out+="$c"
    fi
  done
  printf '%s' "$out"
}

# The lines of an asadmin password file: the admin password (if ADMIN_PASSWORD_FILE is set) and,
# optionally, one more KEY=value line.
password_lines() {
  local key="${1:-}" value="${2:-}" admin="" line="" text=""
  if [ -n "${ADMIN_PASSWORD_FILE:-}" ]; then
    admin="$(read_secret_file "$ADMIN_PASSWORD_FILE")" || exit 1
    admin="$(properties_escape "$admin")" || exit 1
    text="AS_ADMIN_PASSWORD=$admin"$'\n'
  fi
  if [ -n "$key" ]; then
    line="$(properties_escape "$value")" || exit 1
    text+="$key=$line"$'\n'
  fi
  printf '%s' "$text"
}

# Write a temporary asadmin password file (mode 600, removed on exit) with password_lines KEY VALUE.
# Prints its path.
password_file() {
  local f text
  f="$(mktemp "$WORK_DIR/pw.XXXXXXXX")" || exit 1
  text="$(password_lines "$@")" || exit 1
  [ -z "$text" ] || printf '%s\n' "$text" > "$f"
  printf '%s' "$f"
}

# Run asadmin; print the command (it never holds a secret: those are in password files);
# exit non-zero with asadmin's own message if it fails.
asadmin_run() {
  local pwf
  pwf="$(password_file)" || exit 1
  asadmin_with "$pwf" "$@"
}

asadmin_with() {
  local pwf="$1"; shift
  log "asadmin $*"
  # shellcheck disable=SC2086
  if ! $ASADMIN $ASADMIN_OPTS --interactive=false --passwordfile "$pwf" "$@"; then
    die "asadmin $1 failed (see its message above); nothing after this step was done"
  fi
}

# deploy --force=true of WAR as NAME to the target. To a group asadmin says "executed
# successfully" even when the application failed to start on an instance (only a warning tells):
# that is a failure here.
deploy_app() {
  local pwf out
  pwf="$(password_file)" || exit 1
  log "asadmin deploy --force=true --name $1 --target $KUSTOMER_TARGET $2"
  # shellcheck disable=SC2086
  out="$($ASADMIN $ASADMIN_OPTS --interactive=false --passwordfile "$pwf" deploy --force=true --name "$1" --target "$KUSTOMER_TARGET" "$2" 2>&1)" \
    || { printf '%s\n' "$out" >&2; die "asadmin deploy failed (see its message above)"; }
  printf '%s\n' "$out"
  if grep -q 'did not complete successfully on server instance' <<<"$out"; then
    die "$1 did not start on every instance of $KUSTOMER_TARGET (see above and the instance's server.log); fix the cause and run this script again"
  fi
}

# asadmin output for a list command (terse), or exit non-zero.
asadmin_list() {
  local pwf out
  pwf="$(password_file)" || exit 1
  # shellcheck disable=SC2086
  if ! out="$($ASADMIN $ASADMIN_OPTS --interactive=false --terse=true --passwordfile "$pwf" "$@")"; then
    printf '%s\n' "$out" >&2
    die "asadmin $1 failed; is the server running and are ASADMIN_OPTS/ADMIN_PASSWORD_FILE right?"
  fi
  printf '%s\n' "$out" | sed -e 's/[[:space:]]*$//' -e '/^Nothing to list/d' -e '/^$/d'
}

file_user_exists() {
  local out
  out="$(asadmin_list list-file-users --authrealmname "$KUSTOMER_REALM" "$(config_target)")" || exit 1
  grep -qxF -- "$1" <<<"$out"
}

alias_exists() {
  local out
  out="$(asadmin_list list-password-aliases)" || exit 1
  grep -qxF -- "$1" <<<"$out"
}

app_deployed() {
  local out
  out="$(asadmin_list list-applications "$KUSTOMER_TARGET")" || exit 1
  awk '{print $1}' <<<"$out" | grep -qxF -- "$1"
}

# Users file: one user a line, "name groups [password-file]"; groups comma-separated, or "-"
# for none; '#' starts a comment (so no '#' in a password-file path). Prints "name groups pwfile" lines, validated.
read_users_file() {
  local f="$1" line name groups pwf extra n=0
  [ -f "$f" ] || die "$f: no such users file"
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line="${line%%#*}"
    read -r name groups pwf extra <<<"$line" || true
    [ -n "${name:-}" ] || continue
    [ -z "${extra:-}" ] || die "$f:$n: too many fields"
    [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._@+-]{0,254}$ ]] || die "$f:$n: bad user name"
    [ -n "${groups:-}" ] || die "$f:$n: no groups (write - for none)"
    [[ "$groups" == "-" || "$groups" =~ ^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$ ]] \
      || die "$f:$n: bad groups '$groups' (comma-separated names, or -)"
    printf '%s %s %s\n' "$name" "$groups" "${pwf:--}"
  done < "$f"
}

# asadmin set on a listener's <http> element: listener_http LISTENER ATTRIBUTE VALUE.
listener_http() {
  asadmin_run set "configs.config.$KUSTOMER_CONFIG.network-config.protocols.protocol.$1.http.$2=$3"
}

# A MicroProfile Config property of the domain source as stored, e.g. ${ALIAS=kustomer-secret},
# or nothing when it is not set. (get-config-property would resolve the alias: print the secret.)
config_property() {
  local pwf out
  pwf="$(password_file)" || exit 1
  # shellcheck disable=SC2086
  out="$($ASADMIN $ASADMIN_OPTS --interactive=false --passwordfile "$pwf" \
        get "property.payara.microprofile.$1" 2>/dev/null)" || return 0
  printf '%s\n' "$out" | sed -n "s/^property\.payara\.microprofile\.${1//./\\.}=//p" | head -1
}

# The secret must be one the service will sign with: under 32 bytes only with allow-short.
check_secret_length() {
  local allow_short="$1"
  if [ "$(printf '%s' "$SECRET" | wc -c)" -lt 32 ] && [ "$allow_short" != true ]; then
    die "the secret is under 32 bytes: the service would refuse it (KUSTOMER_SECRET_ALLOW_SHORT=true accepts it)"
  fi
}

# The secret into SECRET, from KUSTOMER_SECRET_FILE, from Kustomer's API (KUSTOMER_SECRET_FROM_KUSTOMER
# or KUSTOMER_SECRET_FROM_KUSTOMER_URL, with KUSTOMER_API_KEY_FILE or the key asked for: see
# ../shared/kustomer-api.sh) or from the terminal; refused if Payara would change it when the
# application reads it. $1: true when a secret under 32 bytes is allowed (the fetch checks it).
read_new_secret() {
  local allow_short="${1:-false}" sources=0 fetch=() shared="$HERE/../shared/kustomer-api.sh"
  [ -z "${KUSTOMER_SECRET_FILE:-}" ] || sources=$((sources + 1))
  [ -z "${KUSTOMER_SECRET_FROM_KUSTOMER:-}" ] || { sources=$((sources + 1)); fetch=(--org "$KUSTOMER_SECRET_FROM_KUSTOMER"); }
  [ -z "${KUSTOMER_SECRET_FROM_KUSTOMER_URL:-}" ] || { sources=$((sources + 1)); fetch=(--api-url "$KUSTOMER_SECRET_FROM_KUSTOMER_URL"); }
  [ "$sources" -le 1 ] || die "set only one of KUSTOMER_SECRET_FILE, KUSTOMER_SECRET_FROM_KUSTOMER and KUSTOMER_SECRET_FROM_KUSTOMER_URL"
  [ -z "${KUSTOMER_API_KEY_FILE:-}" ] || [ ${#fetch[@]} -gt 0 ] \
    || die "KUSTOMER_API_KEY_FILE goes with KUSTOMER_SECRET_FROM_KUSTOMER or KUSTOMER_SECRET_FROM_KUSTOMER_URL"
  if [ ${#fetch[@]} -gt 0 ]; then
    [ -f "$shared" ] || die "$shared is missing: keep server-config/shared beside server-config/payara"
    # shellcheck source=../shared/kustomer-api.sh
    . "$shared"
    fetch+=(--caller payara)
    [ "$allow_short" != true ] || fetch+=(--allow-short)
    SECRET="$(fetch_secret_from_kustomer "${KUSTOMER_API_KEY_FILE:-}" "${fetch[@]}")" || exit 1
  elif [ -n "${KUSTOMER_SECRET_FILE:-}" ]; then
    SECRET="$(read_secret_file "$KUSTOMER_SECRET_FILE")"
  else
    SECRET="$(prompt_secret "Kustomer secret (kustomer.secret)")"
  fi
  case "$SECRET" in
    *'${'*) die "the secret holds '\${': Payara expands \${...} in the alias value when the app reads it (an unknown name becomes empty), so the service would sign with a different secret" ;;
  esac
}

# The DAS's config/domain-passwords (the password alias store) when it is on this machine, else
# nothing: asadmin names the domain directory (com.sun.aas.instanceRoot) in its JVM report.
domain_passwords_file() {
  local root
  root="$(domain_root)"
  [ -n "$root" ] && [ -f "$root/config/domain-passwords" ] && [ -O "$root/config/domain-passwords" ] \
    && printf '%s' "$root/config/domain-passwords"
  return 0
}

# The domain directory (com.sun.aas.instanceRoot) as asadmin reports it; empty when unknown.
domain_root() {
  instance_root server
}

# The audit trail (logger io.kustomertoken.audit) in its own file, logs/kustomer-audit.log, and
# not in server.log. Payara's set-log-attributes takes a logger's handlers only unvalidated, and a
# server reads them only at its start anyway, so the logging.properties is edited when it is on
# this machine and ours (the DAS's, or for a group its configuration's, which each instance copies
# when it starts): java.util.logging's FileHandler (which nothing else in a default domain uses)
# writes the bare line. A copy of the file from before is kept for restore.sh. Until each server
# restarts, the lines stay in its server.log.
readonly KUSTOMER_AUDIT_LOGGER=io.kustomertoken.audit
route_audit_log() {
  local root file pattern
  root="$(domain_root)"
  file="$(audit_logging_file "$root")"
  if [ -z "$root" ] || [ ! -f "$file" ] || [ ! -O "$file" ]; then
    log "NOTE: the domain's logging.properties for $(config_target) is not on this machine (or not ours): the audit trail stays in server.log; docs/operations.md (Audit trail) says how to give it its own file"
    return 0
  fi
  # The lines name customers (personal data): readable by the domain's user only, made so before
  # the FileHandler opens it (it would create it with the umask, e.g. 644), on every run. An
  # instance opens ../logs/kustomer-audit.log from its working directory, its own config folder
  # (Payara starts every server there): one logging.properties for all instances, a file each.
  if [ "$KUSTOMER_TARGET" = server ]; then
    pattern="$root/logs/kustomer-audit.log"
    private_file "$pattern"
  else
    pattern="../logs/kustomer-audit.log"
    local instance instance_dir
    for instance in $(group_instances); do
      instance_dir="$(instance_root "$instance")"
      [ -z "$instance_dir" ] || [ ! -d "$instance_dir/logs" ] || private_file "$instance_dir/logs/kustomer-audit.log"
    done
  fi
  if grep -q "^$KUSTOMER_AUDIT_LOGGER\.handlers=" "$file"; then
    log "the audit trail already has its own handler in $file: left as it is"
    return 0
  fi
  local kept
  kept="$(dirname "$file")/.kustomer-logging.properties.orig"
  [ -f "$kept" ] || cp -p "$file" "$kept"
  local edited="$file.kustomer-new"
  {
    grep -v '^java\.util\.logging\.FileHandler\.\|^java\.util\.logging\.SimpleFormatter\.format=' "$file"
    printf '%s\n' "# kustomer-token-service: the audit trail in its own file (configure.sh; restore.sh undoes it)" \
      "$KUSTOMER_AUDIT_LOGGER.handlers=java.util.logging.FileHandler" \
      "$KUSTOMER_AUDIT_LOGGER.useParentHandlers=false" \
      "$KUSTOMER_AUDIT_LOGGER.level=INFO" \
      "java.util.logging.FileHandler.pattern=$pattern" \
      "java.util.logging.FileHandler.append=true" \
      "java.util.logging.FileHandler.limit=0" \
      "java.util.logging.FileHandler.count=1" \
      "java.util.logging.FileHandler.encoding=UTF-8" \
      "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter" \
      "java.util.logging.SimpleFormatter.format=%5\$s%n"
  } > "$edited"
  chmod "$(file_mode "$file")" "$edited"
  mv "$edited" "$file"
  if [ "$KUSTOMER_TARGET" = server ]; then
    log "NOTE: the audit trail goes to $root/logs/kustomer-audit.log once the domain restarts (asadmin restart-domain); until then it is in server.log"
  else
    log "NOTE: each instance of $KUSTOMER_TARGET writes the audit trail to its own logs/kustomer-audit.log once it restarts (asadmin restart-deployment-group --rolling=true $KUSTOMER_TARGET); until then it is in server.log"
  fi
}

# The logging.properties the audit handler goes in: the DAS's own, or for a group the one of its
# configuration, which Payara copies to each instance when it starts.
audit_logging_file() {
  if [ "$KUSTOMER_TARGET" = server ]; then
    printf '%s' "$1/config/logging.properties"
  else
    printf '%s' "$1/config/$KUSTOMER_CONFIG/logging.properties"
  fi
}

# restore.sh: the logging.properties as it was before configure.sh, if configure.sh changed it.
unroute_audit_log() {
  local root file kept
  root="$(domain_root)"
  [ -n "$root" ] || return 0
  file="$(audit_logging_file "$root")"
  kept="$(dirname "$file")/.kustomer-logging.properties.orig"
  if [ -f "$kept" ]; then
    mv "$kept" "$file"
    log "$file is as it was before configure.sh (the audit files stay in logs/; the change applies at the next restart)"
  fi
}

# Payara rewrites domain-passwords with the server's umask (0644 on a default install) when an
# alias changes: made owner-only again. The mode it had before the first change is kept beside
# it for restore.sh.
protect_domain_passwords() {
  local before="$1" f="$2"
  if [ -z "$f" ]; then
    log "NOTE: the domain's config/domain-passwords is not on this machine (or not ours): on the DAS host, chmod 600 it"
    return 0
  fi
  local marker; marker="$(domain_passwords_mode_marker "$f")"
  [ -f "$marker" ] || [ -z "$before" ] || printf '%s\n' "$before" > "$marker"
  chmod 600 "$f"
}

# private_file FILE: FILE exists, mode 600, owned like its folder (the server's user), if the folder is
# on this machine; an existing file keeps its lines.
private_file() {
  local dir
  dir=$(dirname "$1")
  [ -d "$dir" ] || return 0
  [ -e "$1" ] || (umask 077 && : > "$1")
  chmod 600 "$1"
  chown --reference="$dir" "$1" 2>/dev/null || true
}

# The permission bits of a file, e.g. 600 (GNU or BSD stat); nothing when there is no such file.
file_mode() {
  [ -n "$1" ] && [ -f "$1" ] && { stat -c '%a' "$1" 2>/dev/null || stat -f '%Lp' "$1"; }
  return 0
}

# Where the mode domain-passwords had before configure.sh is kept (restore.sh puts it back).
domain_passwords_mode_marker() {
  printf '%s' "$(dirname "$1")/.kustomer-domain-passwords.mode"
}

# SECRET into the password alias (created or updated); domain-passwords made owner-only again.
store_secret_alias() {
  local store before
  store="$(domain_passwords_file)"
  before="$(file_mode "$store")"
  local lines command=create-password-alias
  lines="$(password_lines AS_ADMIN_ALIASPASSWORD "$SECRET")" || exit 1
  unset SECRET
  ! alias_exists "$KUSTOMER_SECRET_ALIAS" || command=update-password-alias
  # asadmin reads the secret from a pipe (/dev/fd/N): never a file or its command line.
  asadmin_with <(printf '%s\n' "$lines") "$command" "$KUSTOMER_SECRET_ALIAS"
  unset lines
  log "password alias $KUSTOMER_SECRET_ALIAS ${command%%-*}d"
  protect_domain_passwords "$before" "$store"
}

# A group's secret. update-password-alias changes only the DAS's alias store, while
# create-password-alias and delete-password-alias reach every running instance: so the secret
# lives in one of two aliases, KUSTOMER_SECRET_ALIAS and KUSTOMER_SECRET_ALIAS-b. The new secret
# goes into the one not in use, kustomer.secret is pointed at it (every instance, within the
# MicroProfile Config cache), and once the cache has passed the other alias is deleted. No
# instance is ever without a secret; each signs with the old one until its cache passes.
group_secret_alias() {
  local current next old lines cache
  cache="$(config_cache_seconds)"
  current="$(config_property kustomer.secret)"
  case "$current" in
    "\${ALIAS=$KUSTOMER_SECRET_ALIAS}") next="$KUSTOMER_SECRET_ALIAS-b"; old="$KUSTOMER_SECRET_ALIAS" ;;
    "\${ALIAS=$KUSTOMER_SECRET_ALIAS-b}") next="$KUSTOMER_SECRET_ALIAS"; old="$KUSTOMER_SECRET_ALIAS-b" ;;
    *) next="$KUSTOMER_SECRET_ALIAS"; old="" ;;
  esac
  lines="$(password_lines AS_ADMIN_ALIASPASSWORD "$SECRET")" || exit 1
  unset SECRET
  # Left over by a run that stopped before its end: not in use (kustomer.secret names the other).
  ! alias_exists "$next" || asadmin_run delete-password-alias "$next"
  asadmin_with <(printf '%s\n' "$lines") create-password-alias "$next"
  unset lines
  protect_group_alias_stores
  set_property kustomer.secret "\${ALIAS=$next}"
  log "password alias $next holds the new secret; kustomer.secret refers to it on every instance of $KUSTOMER_TARGET"
  [ -n "$old" ] && alias_exists "$old" || return 0
  log "waiting $((cache + 5)) s (the MicroProfile Config cache, $cache s, and 5 s) before deleting alias $old, which instances read until then"
  sleep $((cache + 5))
  asadmin_run delete-password-alias "$old"
  protect_group_alias_stores
}

# Payara writes each instance's copy of the alias store with its own umask (644): owner-only
# again, for the instances whose directory is on this machine and ours.
protect_group_alias_stores() {
  local instance root
  for instance in $(group_instances); do
    root="$(instance_root "$instance")"
    if [ -n "$root" ] && [ -f "$root/config/domain-passwords" ] && [ -O "$root/config/domain-passwords" ]; then
      chmod 600 "$root/config/domain-passwords"
    else
      log "NOTE: instance $instance's config/domain-passwords is not on this machine (or not running): on its host, chmod 600 it"
    fi
  done
}

# group_instances: the instances of the deployment group KUSTOMER_TARGET, a name a line.
group_instances() {
  asadmin_get "deployment-groups.deployment-group.$KUSTOMER_TARGET.dg-server-ref.*.ref" | sed -n 's/.*\.ref=//p'
}

# instance_root INSTANCE: the folder of a running instance (its instanceRoot), empty when it does
# not run or cannot be asked.
instance_root() {
  local pwf
  pwf="$(password_file)" || exit 1
  # shellcheck disable=SC2086
  $ASADMIN $ASADMIN_OPTS --interactive=false --passwordfile "$pwf" generate-jvm-report --type=summary --target "$1" 2>/dev/null \
    | sed -n 's/^-Dcom\.sun\.aas\.instanceRoot=//p' | head -1 || true
}

# After a deploy to the DAS ("server"), on this machine: wait at most 60 s until its plain-HTTP
# listener answers /health/ready, so that the next request reaches the service, and say what it
# answered (a 503 names the setting to fix). Elsewhere (another host, a group) it only says where
# to look.
await_readiness() {
  local host=127.0.0.1 admin_host=localhost port address url status="" waited=0 words w prev=""
  read -ra words <<<"$ASADMIN_OPTS"
  for w in "${words[@]}"; do
    case "$prev" in --host|-H) admin_host="$w" ;; esac
    case "$w" in --host=*) admin_host="${w#--host=}" ;; esac
    prev="$w"
  done
  case "$admin_host" in 127.0.0.1|localhost) ;; *) host="" ;; esac
  port="$(asadmin_list get "configs.config.$KUSTOMER_CONFIG.network-config.network-listeners.network-listener.$KUSTOMER_HTTP_LISTENER.port" | sed -n 's/.*\.port=//p')" || exit 1
  address="$(asadmin_list get "configs.config.$KUSTOMER_CONFIG.network-config.network-listeners.network-listener.$KUSTOMER_HTTP_LISTENER.address" | sed -n 's/.*\.address=//p')" || exit 1
  case "$address" in 0.0.0.0|::|'') ;; 127.0.0.1|localhost) ;; *) host="" ;; esac
  if [ "$KUSTOMER_TARGET" != server ] || [ -z "$host" ] || [[ ! "$port" =~ ^[0-9]+$ ]] || ! command -v curl >/dev/null 2>&1; then
    log "check each instance's readiness: curl http://INSTANCE:PORT/health/ready (200 when it can sign)"
    return 0
  fi
  url="http://$host:$port/health/ready"
  until status="$(curl -s -o "$WORK_DIR/ready" -w '%{http_code}' -m 5 "$url")" && [ "$status" != 000 ] || [ $waited -ge 20 ]; do
    sleep 1; waited=$((waited + 1))
  done
  if [ "$status" = 000 ] || [ -z "$status" ]; then
    # Seen about once in four runs on 2 cores: after a change of its settings Payara leaves the
    # listener stopped (server.log: "GrizzlyProxy is NULL"). Disabled and enabled, it starts.
    log "nothing answers at $url after 20 s: $KUSTOMER_HTTP_LISTENER is disabled and enabled again (Payara sometimes leaves it stopped after a change)"
    local listener="configs.config.$KUSTOMER_CONFIG.network-config.network-listeners.network-listener.$KUSTOMER_HTTP_LISTENER"
    asadmin_run set "$listener.enabled=false" >/dev/null
    asadmin_run set "$listener.enabled=true" >/dev/null
    until status="$(curl -s -o "$WORK_DIR/ready" -w '%{http_code}' -m 5 "$url")" && [ "$status" != 000 ] || [ $waited -ge 60 ]; do
      sleep 1; waited=$((waited + 1))
    done
  fi
  case "$status" in
    200) log "ready: $url answers 200" ;;
    000|'') log "WARNING: nothing answers at $url after 60 s; is $KUSTOMER_HTTP_LISTENER enabled? (asadmin list-network-listeners)" ;;
    *) log "WARNING: $url answers $status: $(head -c 600 "$WORK_DIR/ready")" ;;
  esac
}

# KUSTOMER_CONFIG when not given. A deployment group has no configuration of its own: each
# instance has one, and settings (realm users, listeners, log levels) reach the whole group only
# when every instance uses the same named configuration (create-instance --config NAME).
resolve_config() {
  local refs instance configs=""
  [ -z "$KUSTOMER_CONFIG" ] || return 0
  if [ "$KUSTOMER_TARGET" = server ]; then KUSTOMER_CONFIG=server-config; return 0; fi
  [[ "$KUSTOMER_TARGET" =~ ^[A-Za-z0-9_][A-Za-z0-9._-]*$ ]] || die "KUSTOMER_TARGET '$KUSTOMER_TARGET' is not a target name"
  refs="$(group_instances)"
  if [ -z "$refs" ]; then
    if [ -n "$(asadmin_get "deployment-groups.deployment-group.$KUSTOMER_TARGET.name")" ]; then
      die "deployment group $KUSTOMER_TARGET has no instances: add them first (add-instance-to-deployment-group)"
    fi
    # A cluster or one instance: the configuration it refers to.
    KUSTOMER_CONFIG="$( (asadmin_get "clusters.cluster.$KUSTOMER_TARGET.config-ref"; asadmin_get "servers.server.$KUSTOMER_TARGET.config-ref") | sed -n '1s/.*=//p')"
    [ -n "$KUSTOMER_CONFIG" ] || die "no deployment group, cluster or instance named $KUSTOMER_TARGET on this domain (asadmin list-deployment-groups)"
    return 0
  fi
  for instance in $refs; do
    configs+="$(asadmin_get "servers.server.$instance.config-ref" | sed -n 's/.*=//p')"$'\n'
  done
  configs="$(sort -u <<<"$configs" | sed '/^$/d')"
  [ "$(wc -l <<<"$configs")" = 1 ] \
    || die "the instances of deployment group $KUSTOMER_TARGET use different configurations ($(tr '\n' ' ' <<<"$configs")): create them with one named configuration (create-instance --config NAME), or set KUSTOMER_CONFIG"
  KUSTOMER_CONFIG="$configs"
}

# The target of per-configuration commands (file-realm users, log levels, the config cache): the
# DAS itself, or the configuration the target's instances use.
config_target() {
  if [ "$KUSTOMER_TARGET" = server ]; then printf 'server'; else printf '%s' "$KUSTOMER_CONFIG"; fi
}

# The MicroProfile Config cache of the target's configuration, in seconds: Payara's default (60)
# unless set-config-cache set another. Instances take a new value when they start.
config_cache_seconds() {
  local config seconds
  config="$(config_target)"
  [ "$config" != server ] || config=server-config
  seconds="$(asadmin_get "configs.config.$config.microprofile-config.cache-duration-seconds" | sed -n '1s/.*=//p')"
  case "$seconds" in ''|*[!0-9]*) seconds=60 ;; esac
  printf '%s' "$seconds"
}

# asadmin get PATTERN: the matching NAME=VALUE lines, none when nothing matches.
asadmin_get() {
  local pwf
  pwf="$(password_file)" || exit 1
  # shellcheck disable=SC2086
  $ASADMIN $ASADMIN_OPTS --interactive=false --terse=true --passwordfile "$pwf" get "$1" 2>/dev/null | grep '=' || true
}

resolve_config
