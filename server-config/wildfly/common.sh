# Shared by the kustomer WildFly scripts. Sourced, not run.
# Environment:
#   JBOSS_HOME   WildFly installation (required; its bin/jboss-cli.sh is used)
#   CONTROLLER   management address, default 127.0.0.1:9990
#   CLI_ARGS     extra jboss-cli arguments, e.g. "--user=admin" (the CLI then PROMPTS for the
#                password; never pass --password). Empty: local authentication (same OS user
#                as the server, on the same machine).
#   KUSTOMER_TARGET  a server group of a managed domain (CONTROLLER is then the domain
#                controller): every server of the group is configured at once (DOMAIN.md).
#                Empty: a standalone server.
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

# cli FILE [PROPERTIES]: run a CLI script (for a server group: as for_target rewrites it);
# jboss-cli stops at the first failed command and exits 1, and so does this script (set -e).
# Values come from the properties file (--properties), never from the command line.
cli() {
    run_cli "$(for_target_file "$1")" "${2:-}"
    [ -z "$TARGET" ] || ! grep -q 'read-attribute(name=server-state)' "$1" || reload_group_if_required
}

# run_cli FILE [PROPERTIES]: cli without the rewrite, for a file written for the group already.
run_cli() {
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

# for_target_file FILE: FILE's path, or for a server group the path of its rewritten copy.
for_target_file() {
    if [ -z "$TARGET" ]; then echo "$1"; return; fi
    local copy; copy="$WORK/target-$(basename "$1")"
    for_target "$1" > "$copy"
    echo "$copy"
}

# dmr OPERATION: one operation's answer (for a server group: as for_target rewrites it); fails as
# jboss-cli does.
dmr() {
    local operation=$1
    [ -z "$TARGET" ] || operation=$(printf '%s\n' "$1" | for_target /dev/stdin)
    "$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --command="$operation"
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
    dmr "$1:read-attribute(name=$2)" 2>/dev/null \
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

# remove_system_property NAME: removes one system property if it is there.
remove_system_property() {
    printf 'if (outcome == success) of /system-property=%s:read-resource\n    /system-property=%s:remove\nend-if\n' "$1" "$1" > "$WORK/remove.cli"
    cli "$WORK/remove.cli" > /dev/null
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
            remove_system_property kustomer.cors.allowed-origins ;;
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
    local file; file=$(for_target_file "$HERE/encrypt-secret.cli")
    enc=$("$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --resolve-parameter-values \
            --properties=<(printf 'kustomer.secret=%s\n' "$escaped") --output-json --file="$file" \
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
    local conf suffix
    conf=$(config_dir)
    if [ ! -f "$conf/${TARGET:+domain.xml}${TARGET:-standalone.xml}" ] || ! command -v base32 > /dev/null 2>&1; then echo unknown; return; fi
    suffix=$(printf '%s' "$1" | base32 -w0 | tr -d =)
    if [ -d "$conf/kustomer-realm" ] && [ -n "$(find "$conf/kustomer-realm" -name "*-$suffix.xml" -print -quit)" ]; then
        echo yes
    else
        echo no
    fi
}

# config_dir: where the server's configuration files are on this machine (the realm's files, the
# key): standalone/configuration, or for a server group the domain's (every server of a host
# reads that one copy).
config_dir() {
    if [ -n "$TARGET" ]; then echo "$JBOSS_HOME/domain/configuration"; else echo "$JBOSS_HOME/standalone/configuration"; fi
}

# deploy_war NAME PATH: adds or replaces the WAR (for a server group: deployed to the group, or
# replaced wherever it is deployed, and added to the group if it was not there).
deploy_war() {
    printf 'kustomer.deploy.war=%s\n' "$(cli_value "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")" > "$WORK/deploy.properties"
    if [ -z "$TARGET" ]; then
        echo "deploy \"\${kustomer.deploy.war}\" --name=$1 --force" > "$WORK/deploy.cli"
    elif ! dmr "/deployment=$1:read-resource" > /dev/null 2>&1; then
        echo "deploy \"\${kustomer.deploy.war}\" --name=$1 --server-groups=$TARGET" > "$WORK/deploy.cli"
    else
        echo "deploy \"\${kustomer.deploy.war}\" --name=$1 --force" > "$WORK/deploy.cli"
        dmr "/server-group=$TARGET/deployment=$1:read-resource" > /dev/null 2>&1 \
            || echo "deploy --name=$1 --server-groups=$TARGET" >> "$WORK/deploy.cli"
    fi
    run_cli "$WORK/deploy.cli" "$WORK/deploy.properties" > /dev/null
}

# --- A server group of a managed domain (KUSTOMER_TARGET) ------------------------------------------
# The .cli files and operations are written for a standalone server. for_target rewrites them for
# the group: configuration on the group's profile; system properties on the server group with
# boot-time=false (they reach running servers at once, and a restarted server resolves
# ${ENC::...} itself; with boot-time=true the host controller would resolve it, wrongly); files in
# jboss.domain.config.dir (one copy that every server of a host reads); operations that exist only
# on a running server (the realm's identities, the secret's encryption) on one running server of
# the group (what it writes is what every server reads); undeploy from every group; and no reload
# block (cli reloads the group's servers that need it). Health and Prometheus metrics are refused
# on managed-domain servers (WFLYCTL0369): a load balancer checks the WAR's own /kustomer/ready.
for_target() {
    local server="/host=$RUNTIME_HOST/server=$RUNTIME_SERVER"
    sed -e "/(identity=\|:create-expression(/ s#/subsystem=#$server/subsystem=#g" \
        -e "s# of :resolve-expression(# of $server:resolve-expression(#g" \
        -e "/\/host=/! s#/subsystem=#/profile=$PROFILE/subsystem=#g" \
        -e 's#/system-property=\([^:]*\):add(\(.*\))[[:space:]]*$#/system-property=\1:add(\2, boot-time=false)#' \
        -e "s#/system-property=#/server-group=$TARGET/system-property=#g" \
        -e 's#jboss\.server\.config\.dir#jboss.domain.config.dir#g' \
        -e 's#create=true, populate=true#create=false#' \
        -e 's#^\([[:space:]]*undeploy [^ ]*\)[[:space:]]*$#\1 --all-relevant-server-groups#' \
        -e '/of :read-attribute(name=server-state)/,/end-if/d' "$1"
}

# reload_group_if_required: the group's servers reloaded when a change needs it (once, all of them).
reload_group_if_required() {
    if "$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --command='/host=*/server=*:read-attribute(name=server-state)' 2>/dev/null \
            | grep -q '"reload-required"'; then
        echo "/server-group=$TARGET:reload-servers(blocking=true)" > "$WORK/reload.cli"
        run_cli "$WORK/reload.cli" > /dev/null
    fi
}

# resolve_target: PROFILE (the group's), GROUP_SERVERS (its servers, "host/server" each) and
# RUNTIME_HOST/RUNTIME_SERVER (the first of them that runs); refuses what is not a server group
# with running servers.
resolve_target() {
    [[ "$TARGET" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "KUSTOMER_TARGET '$TARGET': a server group's name (letters, digits, . _ -)"
    local answers
    answers=$(printf '%s\n' "/server-group=$TARGET:read-attribute(name=profile)" \
                '/host=*/server-config=*:read-attribute(name=group)' '/host=*/server=*:read-attribute(name=server-state)' \
              | "$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --file=/dev/stdin 2>&1) \
        || { ! grep -q -i -E 'failed to connect|not available at|unable to authenticate|authentication failed' <<<"$answers" \
                || die "KUSTOMER_TARGET=$TARGET: cannot reach the domain controller at $CONTROLLER (not running, another address in CONTROLLER, or the management user): $(grep -i -m1 -E 'failed|unable|not available' <<<"$answers")"
             die "KUSTOMER_TARGET=$TARGET: $CONTROLLER has no server group of that name (a domain controller's /server-group=$TARGET; for a standalone server leave KUSTOMER_TARGET unset): $(grep -o 'WFLY[A-Z]*[0-9]*:.*' <<<"$answers" | head -1)"; }
    # "profile P", then "group HOST SERVER GROUP" and "state HOST SERVER STATE" lines.
    local facts
    facts=$(awk -F'"' '/\("host" => "/ {host = $4} /\("server-config" => "/ {server = $4; kind = "group"}
        /\("server" => "/ {server = $4; kind = "state"}
        /"result" => "/ { if (server != "") { print kind, host, server, $4; server = "" } else print "profile", $4 }' <<<"$answers")
    PROFILE=$(awk '$1 == "profile" {print $2; exit}' <<<"$facts")
    GROUP_SERVERS=$(awk -v g="$TARGET" '$1 == "group" && $4 == g {print $2 "/" $3}' <<<"$facts")
    [ -n "$PROFILE" ] || die "could not read the profile of server group $TARGET"
    [ -n "$GROUP_SERVERS" ] || die "server group $TARGET has no servers: add them (/host=HOST/server-config=NAME:add(group=$TARGET, ...)) first"
    local running
    running=$(awk 'NR == FNR {if ($1 == "state" && $4 == "running") up[$2 "/" $3] = 1; next} ($0 in up) {print; exit}' \
                <(printf '%s\n' "$facts") <(printf '%s\n' "$GROUP_SERVERS"))
    [ -n "$running" ] || die "no server of group $TARGET is running ($(echo $GROUP_SERVERS)): start them first (/server-group=$TARGET:start-servers)"
    RUNTIME_HOST=${running%%/*} RUNTIME_SERVER=${running#*/}
}
TARGET=${KUSTOMER_TARGET:-}
[ -z "$TARGET" ] || resolve_target
