#!/usr/bin/env bash
# Builds the container-ceiling WAR of the HTTP benchmark: the service's deployment descriptors
# (same BASIC constraint, roles, context root) around a resource that answers a constant.
#   build-war.sh OUTPUT.war     (needs the Jakarta EE API jar in the local Maven repository,
#                                which any build of the project puts there)
set -euo pipefail
readonly OUT="$(realpath -m "${1:?usage: build-war.sh OUTPUT.war}")"
readonly HERE="$(cd "$(dirname "$0")" && pwd)" ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
api=$(find "${MAVEN_REPO:-$HOME/.m2/repository}/jakarta/platform/jakarta.jakartaee-api" -name 'jakarta.jakartaee-api-10*.jar' | head -1)
[ -n "$api" ] || { echo "no jakarta.jakartaee-api 10 jar in the local Maven repository: build the project first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/WEB-INF/classes"
javac --release 17 -nowarn -cp "$api" -d "$work/WEB-INF/classes" $(find "$HERE/java" -name '*.java')
# The service's descriptors as the build filtered them (the context root), less its error pages
# and its filters: their classes are the service's, not the container's.
built="$ROOT/target/kustomer/WEB-INF"
[ -f "$built/web.xml" ] || { echo "no $built/web.xml: build the project first (./mvnw -B package)" >&2; exit 1; }
for descriptor in glassfish-web.xml jboss-web.xml beans.xml; do
    cp "$built/$descriptor" "$work/WEB-INF/"
done
sed -e '/<error-page>/,/<\/error-page>/d' -e '/<filter>/,/<\/filter>/d' -e '/<filter-mapping>/,/<\/filter-mapping>/d' \
    "$built/web.xml" > "$work/WEB-INF/web.xml"
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
(cd "$work" && jar --create --file "$OUT" .)
echo "ceiling WAR: $OUT"
