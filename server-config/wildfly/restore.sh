#!/usr/bin/env bash
# Undo configure.sh, configure-bearer.sh and the users: undeploy both WARs, remove MicroProfile
# Health if configure.sh added it, remove the kustomer.*
# and mp.jwt.verify.* system properties, put ApplicationDomain back on ApplicationRealm, remove KustomerRealm, the
# distributed realm, the "kustomer" encryption resolver, the KustomerKeys store and the limits'
# cache of a server group (group-limits.sh), reload if
# needed, and (on this machine) delete the realm's and the store's files. Idempotent.
source "$(dirname "$0")/common.sh"
cli "$HERE/restore.cli" > /dev/null
res=$(dmr '/subsystem=elytron/expression=encryption:read-attribute(name=resolvers)' || true)
if grep -q '"name" => "kustomer"' <<<"$res"; then
    if [ "$(grep -c '"name" =>' <<<"$res")" -eq 1 ]; then
        echo '/subsystem=elytron/expression=encryption:remove' > "$WORK/enc.cli"
    else
        echo '/subsystem=elytron/expression=encryption:list-remove(name=resolvers, value={name=kustomer, credential-store=KustomerKeys, secret-key=key})' > "$WORK/enc.cli"
    fi
    cli "$WORK/enc.cli" > /dev/null
fi
cli "$HERE/restore-store.cli" > /dev/null
# The realm's identities and the key file stay on disk after their resources are removed.
conf=$(config_dir)
rm -rf -- "$conf/kustomer-realm" "$conf/kustomer-keys.cs"
echo "restored"
