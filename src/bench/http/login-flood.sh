#!/usr/bin/env bash
# What BASIC logins cost the other callers: bearer callers (4 connections, distinct access
# tokens in turn) measured alone, then while a flood of BASIC logins of alice runs (FLOOD
# connections; each a full password check, bcrypt on WildFly). BENCH_FLOOD_PASSWORD: the flood's
# password (default alice's own; a wrong one shows the server's lock-out of guessed accounts).
# Loopback only; every wrk run is bounded in time. Prints last, one line:
#   flood NAME alone_rps alone_p99_ms during_rps during_p50_ms during_p99_ms flood_rps flood_2xx
# Usage: login-flood.sh [-d SECONDS] [--flood N] [--out DIR] NAME BASIC_URL BEARER_URL
#   BENCH_BEARER_TOKENS: a command that prints the access tokens, one a line (access-tokens.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=20 flood=16 out=target/bench/flood
while [[ ${1:-} == -* ]]; do
  case $1 in
    -d) seconds=${2%s}; shift 2 ;;
    --flood) flood=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 3 ] || { sed -n 2,9p "$0" >&2; exit 2; }
name=$1 basic=$2 bearer=$3
for url in "$basic" "$bearer"; do
  [[ $url == http://127.0.0.1[:/]* ]] || { echo "not an http://127.0.0.1 URL: $url" >&2; exit 2; }
done
[[ $seconds =~ ^[1-9][0-9]?$ && $flood =~ ^[1-9][0-9]?$ ]] || { echo "-d 1-99 s, --flood 1-99" >&2; exit 2; }
: "${BENCH_BEARER_TOKENS:?a command printing access tokens}"
mkdir -p "$out"
$BENCH_BEARER_TOKENS > "$out/$name.tokens"

# wrk -t1 each: the flood and the measured callers get one wrk thread apiece on 2 cores.
measure() {
  BENCH_BEARER_FILE="$out/$name.tokens" wrk -t1 -c4 -d"${seconds}s" --latency -s "$here/post-basic.lua" "$bearer" > "$out/$name.$1.txt"
}
value() { awk -v k="$2" '$1 == "bench" && $2 == k { print $3 }' "$out/$name.$1.txt"; }

measure alone
BENCH_PASSWORD=${BENCH_FLOOD_PASSWORD:-alice-password} wrk -t1 -c"$flood" -d"$((seconds + 4))s" --latency \
  -s "$here/post-basic.lua" "$basic" > "$out/$name.flood.txt" &
flooding=$!
sleep 2
measure during
wait "$flooding"
flood_requests=$(value flood requests) flood_refused=$(value flood non2xx)
# The last field: the flood's answers in 2xx (its own password) or not (a wrong one).
echo "flood $name $(value alone rps) $(value alone p99_ms) $(value during rps) $(value during p50_ms)" \
  "$(value during p99_ms) $(value flood rps) $((flood_requests - flood_refused))"
