#!/usr/bin/env bash
# Memory benchmark of README "Performance": starts the README run command, sends 10,000 token
# requests, measures the heap after a full GC, sends 990,000 more (1,000,000 in all), measures
# again, and prints both and their ratio (the target: within 10 %). Loopback only; the load is
# ApacheBench (Debian apache2-utils: it stops after a count, wrk only after a time), bounded in
# requests and in time, and the server is stopped at the end.
# Usage: src/bench/memory.sh [TOTAL_TOKENS (default 1000000)]
set -euo pipefail
cd "$(dirname "$0")/../.."
readonly TOTAL=${1:-1000000} FIRST=10000 PORT=${KUSTOMER_PORT:-8080}
readonly URL=http://127.0.0.1:$PORT/kustomer/api/v1/tokens BENCH=$PWD/target/bench
mkdir -p "$BENCH"
say() { echo "[memory] $*"; }

# The limits stay on, far above this load of one caller (README: Limits per caller).
KUSTOMER_PORT=$PORT KUSTOMER_LIMIT_CUSTOMER_TOKENS_PER_MINUTE=1000000000 setsid ./mvnw -B -Prun package > "$BENCH/memory-run.log" 2>&1 < /dev/null &
group=$!
trap 'kill -TERM -- -$group 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do grep -q "ready at" "$BENCH/memory-run.log" && break; sleep 1; done
grep -q "ready at" "$BENCH/memory-run.log" || { tail -30 "$BENCH/memory-run.log"; exit 1; }
pid=$(pgrep -f "DemoServer .*kustomer.war" | head -1)
say "run command ready, server JVM $pid"

command -v ab > /dev/null || { echo "needs ab: apt-get install apache2-utils" >&2; exit 1; }
# send N: N token requests as alice over 32 keep-alive connections, at most 30 minutes.
send() {
    timeout 1800 ab -q -k -n "$1" -c 32 -m POST -A alice:alice-password "$URL" \
        | awk -F: '/^(Complete requests|Failed requests|Non-2xx responses|Requests per second)/ { gsub(/^ +/, "", $2); printf "%s: %s; ", $1, $2 } END { print "" }'
}
# heap_after_gc: used heap in KiB after two full collections: G1's one heap line, or the sum of
# the generations of the parallel and serial collectors (the run command uses the parallel one).
heap_after_gc() {
    jcmd "$pid" GC.run > /dev/null; sleep 1; jcmd "$pid" GC.run > /dev/null; sleep 1
    jcmd "$pid" GC.heap_info | awk '/^ *(garbage-first heap|PSYoungGen|ParOldGen|def new generation|tenured generation)/ {
        for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); sum += v } }
        END { print sum }'
}

say "first $FIRST tokens: $(send $FIRST)"
first=$(heap_after_gc)
say "heap after a full GC: $first KiB"
say "next $(( TOTAL - FIRST )) tokens: $(send $(( TOTAL - FIRST )))"
last=$(heap_after_gc)
say "heap after a full GC: $last KiB"
awk -v a="$first" -v b="$last" -v n="$TOTAL" 'BEGIN {
    printf "| heap after GC, %d tokens | heap after GC, %d tokens | change |\n|---|---|---|\n", 10000, n
    printf "| %.1f MiB | %.1f MiB | %+.1f %% |\n", a / 1024, b / 1024, (b - a) * 100 / a }'
