# Shared by the kustomer WildFly scripts. Sourced, not run.
# Environment:
#   JBOSS_HOME   WildFly installation (required; its bin/jboss-cli.sh is used)
#   CONTROLLER   management address, default 127.0.0.1:9990
#   CLI_ARGS     extra jboss-cli arguments, e.g. "--user=admin" (the CLI then PROMPTS for the
#                password; never pass --password). Empty: local authentication (same OS user
#                as the server, on the same machine).
set -euo pipefail
umask 077

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${JBOSS_HOME:?set JBOSS_HOME to the WildFly installation}"
CONTROLLER=${CONTROLLER:-127.0.0.1:9990}
# jboss-cli is a short-lived JVM, started several times per script: the JIT's first tier and the
# serial collector start it in about 1.9 s instead of 2.5 s (2 cores). A JAVA_OPTS of yours wins.
export JAVA_OPTS=${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
CLI_ARGS=${CLI_ARGS:-}
JBOSS_CLI="$JBOSS_HOME/bin/jboss-cli.sh"
[ -x "$JBOSS_CLI" ] || { echo "ERROR: $JBOSS_CLI not found" >&2; exit 2; }

# A private scratch directory for the properties files handed to jboss-cli; removed on exit.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kustomer-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

die() { echo "ERROR: $*" >&2; exit 1; }

# private_file FILE: FILE exists, mode 600, owned like its folder (the server's user), if the folder
# is on this machine (a remote controller's is not); an existing file keeps its lines.
private_file() {
    local dir
    dir=$(dirname "$1")
    [ -d "$dir" ] || return 0
    [ -e "$1" ] || : > "$1"
    chmod 600 "$1"
    chown --reference="$dir" "$1" 2>/dev/null || true
}

# cli FILE [PROPERTIES]: run a CLI script; jboss-cli stops at the first failed command and
# exits 1, and so does this script (set -e). Values come from the properties file
# (--properties), never from the command line.
cli() {
    local file=$1 props=${2:-} out rc=0
    local args=(-c --controller="$CONTROLLER")
    # shellcheck disable=SC2206
    args+=($CLI_ARGS)
    [ -z "$props" ] || args+=(--resolve-parameter-values --properties="$props")
    out=$("$JBOSS_CLI" "${args[@]}" --file="$file" 2>&1) || rc=$?
    if [ "$rc" -ne 0 ]; then
        printf '%s\n' "$out" >&2
        die "$(basename "$file") failed (jboss-cli exit code $rc); nothing after it was run"
    fi
    [ -z "${VERBOSE:-}" ] || printf '%s\n' "$out"
}

# The file must exist, be a regular file, and be readable by its owner only.
require_private_file() {
    local f=$1
    [ -f "$f" ] || die "$f does not exist"
    local mode; mode=$(stat -c %a "$f")
    case "$mode" in
        400|600) ;;
        *) die "$f has mode $mode; it holds a secret: chmod 600 $f" ;;
    esac
}

# read_secret FILE: the first line of FILE, exactly (no trailing newline).
read_secret() {
    local v
    IFS= read -r v < "$1" || [ -n "$v" ] || die "$1 is empty"
    printf '%s' "$v"
}

# prompt_secret LABEL: read a value from the terminal without echo, twice.
prompt_secret() {
    local a b
    [ -t 0 ] || die "no terminal to prompt for $1; give a file instead"
    IFS= read -r -s -p "$1: " a; echo >&2
    IFS= read -r -s -p "$1 (again): " b; echo >&2
    [ "$a" == "$b" ] || die "the two entries differ"
    printf '%s' "$a"
}

# cli_value VALUE: VALUE escaped for a quoted CLI parameter ("...") and then for a Java
# properties file. Refuses what cannot be passed through safely.
cli_value() {
    local v=$1
    [ -n "$v" ] || die "empty value"
    local LC_ALL=C; [[ "$v" =~ ^[[:print:]]+$ ]] || die "value has non-ASCII or control characters (not supported by these scripts)"
    [[ "$v" != *'${'* ]] || die 'value contains "${" which WildFly would treat as an expression'
    v=${v//\\/\\\\}; v=${v//\"/\\\"}      # CLI: \ and " inside "..."
    v=${v//\\/\\\\}                       # properties file: every backslash
    [[ "$v" != ' '* ]] || v="\\$v"        # properties file: keep a leading blank
    printf '%s' "$v"
}

# random_salt: 16 random bytes in CLI bytes{} syntax (bcrypt needs a salt).
random_salt() {
    printf 'bytes{%s}' "$(od -An -tx1 -N16 /dev/urandom | tr -d '\n' | sed 's/^ *//; s/ \+/,0x/g; s/^/0x/')"
}

# read_attribute ADDRESS NAME: the value of a resource's attribute (empty when the resource does
# not exist or has none); an expression is given as written, e.g. ${ENC::kustomer:...}.
read_attribute() {
    "$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --command="$1:read-attribute(name=$2)" 2>/dev/null \
        | sed -n 's/.*"result" => \(expression \)\{0,1\}"\(.*\)".*/\2/p' || true
}

# set_system_property NAME VALUE: adds or updates one kustomer.* or mp.jwt.verify.* system
# property and nothing else. VALUE travels through a private properties file, never the command
# line.
set_system_property() {
    local name=$1
    [[ "$name" =~ ^(kustomer|mp\.jwt\.verify)(\.[a-z-]+)+$ ]] || die "not a kustomer.* or mp.jwt.verify.* property name: $name"
    printf 'kustomer.property.value=%s\n' "$(cli_value "$2")" > "$WORK/property.properties"
    cat > "$WORK/property.cli" <<CLI
if (outcome != success) of /system-property=$name:read-resource
    /system-property=$name:add(value="\${kustomer.property.value}")
else
    /system-property=$name:write-attribute(name=value, value="\${kustomer.property.value}")
end-if
CLI
    cli "$WORK/property.cli" "$WORK/property.properties"
    rm -f "$WORK/property.properties"
}

# read_new_secret file FILE | prompt: the secret, checked; not echoed.
read_new_secret() {
    local secret
    if [ "$1" = file ]; then
        require_private_file "$2"; secret=$(read_secret "$2")
    else
        secret=$(prompt_secret "Kustomer secret")
    fi
    printf '%s' "$secret"
}

# apply_cors_origins LIST|none|'': kustomer.cors.allowed-origins set, removed (none), or left as it is ('').
apply_cors_origins() {
    case "$1" in
        '') ;;
        none)
            echo "== kustomer.cors.allowed-origins removed (no browser app on another origin)"
            echo 'if (outcome == success) of /system-property=kustomer.cors.allowed-origins:read-resource
    /system-property=kustomer.cors.allowed-origins:remove
end-if' > "$WORK/cors.cli"
            cli "$WORK/cors.cli" > /dev/null ;;
        *)
            echo "== kustomer.cors.allowed-origins=$1"
            set_system_property kustomer.cors.allowed-origins "$1" > /dev/null ;;
    esac
}

# check_cors_option LIST: --cors-origins takes origins, or none.
check_cors_option() {
    [ "$1" = none ] && return 0
    # shellcheck source=../shared/cors-origins.sh
    source "$HERE/../shared/cors-origins.sh"
    check_cors_origins "$1"
}

# fetch_new_secret ALLOW_SHORT: the secret from Kustomer's API (../shared/kustomer-api.sh), for the
# source the caller's options set in kustomer_source (--org ORG or --api-url URL), with the API key
# from api_key_file (empty: asked for). Checked as the service and jboss-cli need it (ASCII only;
# under 32 bytes only with ALLOW_SHORT=true). Fails with one line, before anything changes.
fetch_new_secret() {
    local shared="$HERE/../shared/kustomer-api.sh"
    [ -f "$shared" ] || die "$shared is missing: keep server-config/shared beside server-config/wildfly"
    # shellcheck source=../shared/kustomer-api.sh
    source "$shared"
    local options=(--caller wildfly --ascii-only "${kustomer_source[@]}")
    [ "$1" != true ] || options+=(--allow-short)
    fetch_secret_from_kustomer "${api_key_file:-}" "${options[@]}"
}

# secret_source_option OPTION VALUE: sets secret_mode (and kustomer_source) for one of the secret
# options shared by configure.sh and rotate-secret.sh; refuses a second secret source.
secret_source_option() {
    [ -z "${secret_mode:-}" ] || die "give one secret source: --secret-file, --secret-prompt${SECRET_FROM_ENV_OPTION:-}, --secret-from-kustomer or --secret-from-kustomer-url"
    case "$1" in
        --secret-file) secret_mode=file; secret_file=$2 ;;
        --secret-prompt) secret_mode=prompt ;;
        --secret-from-env) secret_mode=env ;;
        --secret-from-kustomer) secret_mode=kustomer; kustomer_source=(--org "$2") ;;
        --secret-from-kustomer-url) secret_mode=kustomer; kustomer_source=(--api-url "$2") ;;
    esac
}

# store_encrypted_secret SECRET: the server encrypts SECRET with the KustomerKeys key, and the
# system property kustomer.secret becomes ${ENC::kustomer:...}. Changes nothing else; the
# service signs with it within kustomer.config.reread-ms (1 s), without a redeploy.
store_encrypted_secret() {
    local escaped enc
    escaped=$(cli_value "$1")
    # The clear text reaches jboss-cli through a pipe (/dev/fd/N), never a file or its command line.
    enc=$("$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --resolve-parameter-values \
            --properties=<(printf 'kustomer.secret=%s\n' "$escaped") --output-json --file="$HERE/encrypt-secret.cli" \
          | sed -n 's/.*"expression" : "\(\${ENC::kustomer:[A-Za-z0-9+\/=]*}\)".*/\1/p')
    unset escaped
    [ -n "$enc" ] || die "the server did not encrypt the secret"
    cat > "$WORK/set-secret.cli" <<CLI
if (outcome != success) of /system-property=kustomer.secret:read-resource
    /system-property=kustomer.secret:add(value="$enc")
else
    /system-property=kustomer.secret:write-attribute(name=value, value="$enc")
end-if
CLI
    cli "$WORK/set-secret.cli" > /dev/null
}

# check_secret_length SECRET ALLOW_SHORT: the service refuses a secret under 32 bytes unless
# kustomer.secret.allow-short is true; refuse it here, before anything changes.
check_secret_length() {
    local bytes; bytes=$(printf '%s' "$1" | LC_ALL=C wc -c)
    if [ "$bytes" -lt 32 ] && [ "$2" != true ]; then
        die "the secret has $bytes bytes; the service refuses under 32 bytes unless kustomer.secret.allow-short is true (configure.sh --allow-short)"
    fi
}

# user_state NAME: yes or no when the Kustomer realm's files are on this machine (an identity is
# the file <levels>/<name>-<BASE32(name)>.xml), unknown otherwise. Asking the server instead
# (read-identity) logs an ERROR line (WFLYCTL0013) for every name it does not know.
user_state() {
    local conf="$JBOSS_HOME/standalone/configuration" suffix
    if [ ! -f "$conf/standalone.xml" ] || ! command -v base32 > /dev/null 2>&1; then echo unknown; return; fi
    suffix=$(printf '%s' "$1" | base32 -w0 | tr -d =)
    if [ -d "$conf/kustomer-realm" ] && [ -n "$(find "$conf/kustomer-realm" -name "*-$suffix.xml" -print -quit)" ]; then
        echo yes
    else
        echo no
    fi
}
