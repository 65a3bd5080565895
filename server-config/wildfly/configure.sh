#!/usr/bin/env bash
# Configure a running WildFly (standalone, or with KUSTOMER_TARGET a server group of a managed
# domain: DOMAIN.md) for kustomer.war and deploy it. Safe to run again
# (it redeploys). To change only the secret, use rotate-secret.sh: no redeploy, nothing else
# touched.
#
#   configure.sh --war PATH (--secret-file FILE | --secret-prompt | --secret-from-env
#                            | --secret-from-kustomer ORG | --secret-from-kustomer-url URL
#                              [--api-key-file FILE])
#                [--identity externalId|email|both] [--allow-short | --no-allow-short]
#                [--cors-origins ORIGINS|none]
#
#   --secret-file FILE   FILE (mode 600/400) holds the Kustomer secret on its first line.
#   --secret-prompt      ask for the secret on the terminal (no echo).
#   --secret-from-kustomer ORG   fetch it from https://ORG.api.kustomerapp.com (US) with an API
#                        key (roles org.admin.apps, or org.admin and org.user) from
#                        --api-key-file FILE (mode 600/400) or the terminal. Needs a JDK 17+
#                        (KUSTOMER_JAVA or JAVA_HOME) and server-config/shared beside this folder.
#   --secret-from-kustomer-url URL   the same from another API base, e.g. the EU's
#                        https://ORG.api.prod2.kustomerapp.com.
#     All four: the secret is encrypted by the server with a key in an Elytron secret-key
#     credential store (standalone/configuration/kustomer-keys.cs) and stored as
#     kustomer.secret=${ENC::kustomer:...} (a system property; the server decrypts it).
#   --secret-from-env    kustomer.secret=${env.KUSTOMER_SECRET}: the server process must have
#                        the environment variable KUSTOMER_SECRET (fails if it has not).
#   --cors-origins ORIGINS  browser apps on these origins may call both WARs (comma-separated,
#                        e.g. https://app.example.com; docs/clients.md); none removes the list.
#                        Not given: left as it is. Applies live, to every WAR of this server.
#   --identity, --allow-short, --no-allow-short: set kustomer.token.identity and
#                        kustomer.secret.allow-short. Not given: the server's current value is
#                        kept (on a first run: the service's defaults, externalId and false).
#
# Users are separate: add-user.sh (and add-demo-users.sh for a demo only).
source "$(dirname "$0")/common.sh"

war= secret_mode= secret_file= identity= allow_short= api_key_file= cors= kustomer_source=()
SECRET_FROM_ENV_OPTION=", --secret-from-env"
while [ $# -gt 0 ]; do
    case "$1" in
        --war) war=${2:?}; shift 2 ;;
        --secret-file|--secret-from-kustomer|--secret-from-kustomer-url)
            [ $# -ge 2 ] || die "$1 needs a value"; secret_source_option "$1" "$2"; shift 2 ;;
        --secret-prompt|--secret-from-env) secret_source_option "$1"; shift ;;
        --api-key-file) [ $# -ge 2 ] || die "$1 needs a value"; api_key_file=$2; shift 2 ;;
        --identity) identity=${2:?}; shift 2 ;;
        --cors-origins) [ $# -ge 2 ] || die "$1 needs a value"; cors=$2; check_cors_option "$cors"; shift 2 ;;
        --allow-short) allow_short=true; shift ;;
        --no-allow-short) allow_short=false; shift ;;
        *) die "unknown argument $1 (see the head of $0)" ;;
    esac
done
[ -n "$war" ] || die "--war PATH: the WAR file to deploy"
[ -f "$war" ] || die "$war: no such file (--war takes the path of kustomer.war, e.g. the absolute path of the project's target/kustomer.war)"
[ -n "$secret_mode" ] || die "one of --secret-file FILE, --secret-prompt, --secret-from-env, --secret-from-kustomer ORG, --secret-from-kustomer-url URL"
[ -z "$api_key_file" ] || [ "$secret_mode" = kustomer ] || die "--api-key-file goes with --secret-from-kustomer or --secret-from-kustomer-url"
case "$identity" in ''|externalId|email|both) ;; *) die "--identity: externalId, email or both" ;; esac

# Read the secret first, so that a bad file stops us before anything changes. The length rule
# is the one the server will apply: the given --allow-short, else the server's current value.
if [ "$secret_mode" != env ]; then
    effective_allow_short=${allow_short:-$(read_attribute /system-property=kustomer.secret.allow-short value)}
    if [ "$secret_mode" = kustomer ]; then
        secret=$(fetch_new_secret "$effective_allow_short") || exit 1
    else
        secret=$(read_new_secret "$secret_mode" "$secret_file")
    fi
    check_secret_length "$secret" "$effective_allow_short"
fi

# Precondition: ApplicationDomain still has its shipped default realm (or ours).
realm=$(dmr '/subsystem=elytron/security-domain=ApplicationDomain:read-attribute(name=default-realm)' \
    2>&1 | sed -n 's/.*"result" => "\(.*\)".*/\1/p') \
    || die "cannot read ApplicationDomain through $CONTROLLER (server not running? management access?)"
case "$realm" in
    ApplicationRealm|KustomerApplicationRealm) ;;
    *) die "ApplicationDomain's default realm is '$realm', not ApplicationRealm: these scripts would not be able to restore it; wire the realm by hand" ;;
esac

# Elytron's single sign-on where kustomer.war authenticates (the default application security
# domain) signs no BASIC request in, and a request with its cookie ends the user's sign-on in every
# application (README: a web app on the same server). Left as it is, but said.
if [ -n "$(read_attribute /subsystem=undertow/application-security-domain=other/setting=single-sign-on key-alias)" ]; then
    echo "WARNING: single sign-on is on for the application security domain 'other', which kustomer.war uses:" \
        "a browser's request to kustomer.war with its cookie ends the user's sign-on in every application" \
        "(README: A web app on the same server)" >&2
fi

# One jboss-cli run for the four (each start of it takes about 2 s).
# The audit lines name customers (personal data): the file is made readable by the server's user
# only before the handler opens it (WildFly's handler would create it with the umask, e.g. 644).
if [ -z "$TARGET" ]; then
    echo "== MicroProfile Health (readiness and liveness at the management interface's /health)"
    echo "== metrics (Micrometer, Prometheus text at the management interface's /prometheus)"
    echo "== audit trail (its own file: standalone/log/kustomer-audit.log)"
    private_file "$JBOSS_HOME/standalone/log/kustomer-audit.log"
    cat "$HERE/health.cli" "$HERE/metrics.cli" "$HERE/audit.cli" "$HERE/openapi.cli" > "$WORK/observability.cli"
else
    # Managed-domain servers refuse MicroProfile Health and the Prometheus registry (WFLYCTL0369).
    echo "== readiness for a load balancer: GET /kustomer/ready on each server's HTTP port (no /health on managed-domain servers)"
    echo "== audit trail (its own file on each server: domain/servers/<server>/log/kustomer-audit.log)"
    for server in $GROUP_SERVERS; do
        [ ! -d "$JBOSS_HOME/domain/servers/${server#*/}/log" ] || private_file "$JBOSS_HOME/domain/servers/${server#*/}/log/kustomer-audit.log"
    done
    cat "$HERE/audit.cli" "$HERE/openapi.cli" > "$WORK/observability.cli"
fi
echo "== MicroProfile OpenAPI (the API's description at /openapi)"
cli "$WORK/observability.cli" > /dev/null

echo "== realm (KustomerRealm in ApplicationDomain)"
cli "$HERE/realm.cli" > /dev/null

# Only what was asked for: a setting not given keeps its current value.
set_allow_short() { echo "== kustomer.secret.allow-short=$allow_short"; set_system_property kustomer.secret.allow-short "$allow_short" > /dev/null; }
[ -z "$identity" ] || { echo "== kustomer.token.identity=$identity"; set_system_property kustomer.token.identity "$identity" > /dev/null; }
apply_cors_origins "$cors"
[ "$allow_short" != true ] || set_allow_short

echo "== secret ($secret_mode)"
if [ "$secret_mode" = env ]; then
    cli "$HERE/env-secret.cli" > /dev/null
else
    keys="$(config_dir)/kustomer-keys.cs"
    if [ -n "$TARGET" ] && [ ! -f "$keys" ]; then
        # Made once, before the servers load the store: each server would otherwise make a key of
        # its own and could not read what another encrypted. Hosts on other machines need a copy.
        [ -d "$(config_dir)" ] || die "$(config_dir) is not on this machine: run configure.sh on the domain controller's machine"
        "$JBOSS_HOME/bin/elytron-tool.sh" credential-store --create --type PropertiesCredentialStore \
            --location "$keys" --generate-secret-key key > /dev/null
    fi
    [ ! -f "$keys" ] || chmod 600 "$keys"
    cli "$HERE/secret-store.cli" > /dev/null
    # expression=encryption existed before us with other resolvers: add ours.
    if ! dmr '/subsystem=elytron/expression=encryption:read-attribute(name=resolvers)' \
            | grep -q '"name" => "kustomer"'; then
        echo '/subsystem=elytron/expression=encryption:list-add(name=resolvers, value={name=kustomer, credential-store=KustomerKeys, secret-key=key})' > "$WORK/resolver.cli"
        cli "$WORK/resolver.cli" > /dev/null
    fi
    store_encrypted_secret "$secret"
    unset secret
    [ ! -f "$keys" ] || chmod 600 "$keys"
fi

# A short secret is allowed before it is stored, and disallowed only after the new one is in.
[ "$allow_short" != false ] || set_allow_short

echo "== deploy $war${TARGET:+ to server group $TARGET}"
deploy_war kustomer.war "$war"
echo "configured: POST http://<host>:<port>/kustomer/api/v1/tokens"
