#!/usr/bin/env bash
# DEMO ONLY: the public demo users of the README (password = name + "-password").
# Never on a server that real customers use.
set -euo pipefail
umask 077
HERE=$(cd "$(dirname "$0")" && pwd)
d=$(mktemp -d "${TMPDIR:-/tmp}/kustomer-demo.XXXXXX"); trap 'rm -rf "$d"' EXIT
for u in alice:kustomer-customer carol:kustomer-customer bff:kustomer-token-delegate mallory:; do
    name=${u%%:*} groups=${u#*:}
    printf '%s-password\n' "$name" > "$d/$name.pw"
    "$HERE/add-user.sh" "$name" "$groups" "$d/$name.pw"
done
