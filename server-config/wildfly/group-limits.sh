#!/usr/bin/env bash
# Where the limits per caller count on a WildFly server group (DOMAIN.md): once for the whole
# group, in an Infinispan cache replicated over the group's JGroups channel, or per server.
#
#   KUSTOMER_TARGET=GROUP group-limits.sh group       count for the group
#   KUSTOMER_TARGET=GROUP group-limits.sh instance    count per server again (the default)
#
# group: adds the cache container "kustomer" to the group's profile (it needs the jgroups
# subsystem: the ha profile), sets kustomer.limit.group-cache (the cache's JNDI name) on the group,
# redeploys the WARs one server at a time (WildFly starts the cache for a deployment only through
# the reference in its jboss-web.xml, resolved at deployment), then sets kustomer.limit.scope=group.
# instance: the reverse, but the cache container stays, unused (removing it would reload every
# server of the group at once); restore.sh removes it.
source "$(dirname "$0")/common.sh"

readonly CACHE=java:jboss/infinispan/cache/kustomer/token-buckets
scope=${1:-}
[ -n "$TARGET" ] || die "KUSTOMER_TARGET: the server group whose limits count together (a standalone server counts its own)"
case "$scope" in group|instance) ;; *) die "usage: $0 group|instance" ;; esac

# redeploy: every WAR of the group again, one server after the other (the load balancer sends to
# the others meanwhile), so that each resolves kustomer.limit.group-cache as it is now.
redeploy() {
    local war
    : > "$WORK/redeploy.cli"
    for war in kustomer.war kustomer-bearer.war; do
        ! dmr "/server-group=$TARGET/deployment=$war:read-resource" > /dev/null 2>&1 \
            || echo "/server-group=$TARGET/deployment=$war:redeploy{rollout $TARGET(rolling-to-servers=true)}" >> "$WORK/redeploy.cli"
    done
    [ ! -s "$WORK/redeploy.cli" ] || run_cli "$WORK/redeploy.cli" > /dev/null
}

if [ "$scope" = group ]; then
    dmr '/subsystem=jgroups:read-resource' > /dev/null 2>&1 \
        || die "profile $PROFILE of group $TARGET has no jgroups subsystem: the servers cannot share a cache (use the ha profile, DOMAIN.md)"
    echo "== Infinispan cache kustomer/token-buckets on profile $PROFILE"
    cli "$HERE/group-cache.cli" > /dev/null
    set_system_property kustomer.limit.group-cache "$CACHE" > /dev/null
    echo "== redeploy on each server of $TARGET in turn"
    redeploy
    set_system_property kustomer.limit.scope group > /dev/null
    echo "kustomer.limit.scope=group: the limits count for the whole of $TARGET"
else
    set_system_property kustomer.limit.scope instance > /dev/null
    remove_system_property kustomer.limit.group-cache
    echo "== redeploy on each server of $TARGET in turn"
    redeploy
    echo "kustomer.limit.scope=instance: each server of $TARGET counts its own limits"
fi
