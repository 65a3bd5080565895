#!/usr/bin/env bash
# Configure a running WildFly (standalone) for kustomer.war and deploy it. Idempotent: run
# it again to change the secret or a property, or to redeploy.
#
#   configure.sh --war PATH (--secret-file FILE | --secret-prompt | --secret-from-env)
#                [--identity externalId|email|both] [--allow-short]
#
#   --secret-file FILE   FILE (mode 600/400) holds the Kustomer secret on its first line.
#   --secret-prompt      ask for the secret on the terminal (no echo).
#     Both: the secret is encrypted by the server with a key in an Elytron secret-key
#     credential store (standalone/configuration/kustomer-keys.cs) and stored as
#     kustomer.secret=${ENC::kustomer:...} (a system property; the server decrypts it).
#   --secret-from-env    kustomer.secret=${env.KUSTOMER_SECRET}: the server process must have
#                        the environment variable KUSTOMER_SECRET (fails if it has not).
#
# Users are separate: add-user.sh (and add-demo-users.sh for a demo only).
source "$(dirname "$0")/common.sh"

war= secret_mode= secret_file= identity=externalId allow_short=false
while [ $# -gt 0 ]; do
    case "$1" in
        --war) war=${2:?}; shift 2 ;;
        --secret-file) secret_mode=file; secret_file=${2:?}; shift 2 ;;
        --secret-prompt) secret_mode=prompt; shift ;;
        --secret-from-env) secret_mode=env; shift ;;
        --identity) identity=${2:?}; shift 2 ;;
        --allow-short) allow_short=true; shift ;;
        *) die "unknown argument $1 (see the head of $0)" ;;
    esac
done
[ -n "$war" ] && [ -f "$war" ] || die "--war PATH: the WAR file to deploy"
[ -n "$secret_mode" ] || die "one of --secret-file FILE, --secret-prompt, --secret-from-env"
case "$identity" in externalId|email|both) ;; *) die "--identity: externalId, email or both" ;; esac

# Read the secret first, so that a bad file stops us before anything changes.
if [ "$secret_mode" != env ]; then
    if [ "$secret_mode" = file ]; then
        require_private_file "$secret_file"; secret=$(read_secret "$secret_file")
    else
        secret=$(prompt_secret "Kustomer secret")
    fi
    if [ "${#secret}" -lt 32 ] && [ "$allow_short" != true ]; then
        die "the secret has ${#secret} characters; the service refuses under 32 bytes without --allow-short"
    fi
    printf 'kustomer.secret=%s\n' "$(cli_value "$secret")" > "$WORK/secret.properties"
    unset secret
fi

# Precondition: ApplicationDomain still has its shipped default realm (or ours).
realm=$("$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS \
    --command='/subsystem=elytron/security-domain=ApplicationDomain:read-attribute(name=default-realm)' \
    2>&1 | sed -n 's/.*"result" => "\(.*\)".*/\1/p') \
    || die "cannot read ApplicationDomain through $CONTROLLER (server not running? management access?)"
case "$realm" in
    ApplicationRealm|KustomerApplicationRealm) ;;
    *) die "ApplicationDomain's default realm is '$realm', not ApplicationRealm: these scripts would not be able to restore it; wire the realm by hand" ;;
esac

echo "== realm (KustomerRealm in ApplicationDomain)"
cli "$HERE/realm.cli" > /dev/null

echo "== secret ($secret_mode)"
if [ "$secret_mode" = env ]; then
    cli "$HERE/env-secret.cli" > /dev/null
else
    cli "$HERE/secret-store.cli" > /dev/null
    # expression=encryption existed before us with other resolvers: add ours.
    if ! "$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS \
            --command='/subsystem=elytron/expression=encryption:read-attribute(name=resolvers)' \
            | grep -q '"name" => "kustomer"'; then
        echo '/subsystem=elytron/expression=encryption:list-add(name=resolvers, value={name=kustomer, credential-store=KustomerKeys, secret-key=key})' > "$WORK/resolver.cli"
        cli "$WORK/resolver.cli" > /dev/null
    fi
    enc=$("$JBOSS_CLI" -c --controller="$CONTROLLER" $CLI_ARGS --resolve-parameter-values \
            --properties="$WORK/secret.properties" --output-json --file="$HERE/encrypt-secret.cli" \
          | sed -n 's/.*"expression" : "\(\${ENC::kustomer:[A-Za-z0-9+\/=]*}\)".*/\1/p')
    rm -f "$WORK/secret.properties"
    [ -n "$enc" ] || die "the server did not encrypt the secret"
    cat > "$WORK/set-secret.cli" <<CLI
if (outcome != success) of /system-property=kustomer.secret:read-resource
    /system-property=kustomer.secret:add(value="$enc")
else
    /system-property=kustomer.secret:write-attribute(name=value, value="$enc")
end-if
CLI
    cli "$WORK/set-secret.cli" > /dev/null
    keys="$JBOSS_HOME/standalone/configuration/kustomer-keys.cs"
    [ ! -f "$keys" ] || chmod 600 "$keys"
fi

echo "== properties (kustomer.token.identity=$identity, kustomer.secret.allow-short=$allow_short)"
printf 'kustomer.token.identity=%s\nkustomer.secret.allow-short=%s\n' "$identity" "$allow_short" > "$WORK/props.properties"
cli "$HERE/properties.cli" "$WORK/props.properties" > /dev/null

echo "== deploy $war"
printf 'kustomer.war=%s\n' "$(cli_value "$(cd "$(dirname "$war")" && pwd)/$(basename "$war")")" > "$WORK/deploy.properties"
cli "$HERE/deploy.cli" "$WORK/deploy.properties" > /dev/null
echo "configured: POST http://<host>:<port>/kustomer/api/v1/tokens"
