#!/usr/bin/env bash
# Prints COUNT distinct access tokens of the tests' Keycloak, one a line, as real logins would
# bring them (each a password grant of its own, so each has its own jti, iat and signature),
# for wrk-bench.sh's bearer targets (BENCH_BEARER_TOKENS). Loopback only; bounded to 120 s.
# Usage: access-tokens.sh COUNT [ISSUER]   (default http://127.0.0.1:18180/realms/kustomer; alice)
set -euo pipefail
readonly COUNT=${1:?how many tokens} ISSUER=${2:-http://127.0.0.1:18180/realms/kustomer}
[[ $COUNT =~ ^[1-9][0-9]{0,3}$ ]] || { echo "COUNT: 1 to 9999" >&2; exit 2; }
[[ $ISSUER == http://127.0.0.1:* ]] || { echo "not a loopback issuer: $ISSUER" >&2; exit 2; }
readonly WORK=$(mktemp -d)
mkdir "$WORK/each"
trap 'rm -rf "$WORK"' EXIT
# Four at a time: Keycloak hashes alice's password for each grant.
# (The answer ends without a line break: echo ends each token's line.)
seq "$COUNT" | timeout 120 xargs -P 4 -I{} sh -c '{
    curl -s --max-time 10 -d grant_type=password -d client_id=customer-app -d client_secret=customer-app-secret \
        -d username=alice -d password=alice-password "$1/protocol/openid-connect/token" \
        | sed -n "s/.*\"access_token\":\"\([^\"]*\)\".*/\1/p"; echo; } > "$2/each/{}"' _ "$ISSUER" "$WORK"
cat "$WORK"/each/* | grep -v '^$' | sort -u > "$WORK/tokens.txt"
got=$(wc -l < "$WORK/tokens.txt")
[ "$got" -eq "$COUNT" ] || { echo "$got distinct access tokens of $COUNT asked for" >&2; exit 1; }
cat "$WORK/tokens.txt"
