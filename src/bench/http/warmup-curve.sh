#!/usr/bin/env bash
# How fast a server that has just printed its ready line reaches full speed: the same wrk load
# as wrk-bench.sh, from now, in back-to-back windows, one table row a window.
#
# Usage: warmup-curve.sh [options] NAME=URL
#   --windows N        how many windows (default 24)
#   --window S         seconds a window (default 5): at most N × S seconds of load in all
#   -c, --connections N  open connections (default 32)
#   --out DIR          keep wrk's output and curve.tsv there (default a new /tmp directory)
# URL as in wrk-bench.sh (http://127.0.0.1 only; bearer+http://… takes BENCH_BEARER_TOKENS).
# Full speed is the median req/s of the last three windows; the time to full speed is when the
# first window starts after which no window is below 90 % of it. Printed last, one line:
#   curve NAME first_window_rps time_to_full_s full_rps p99_of_last_three_ms
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
windows=24 window=5 connections=32 out= target=
while (($#)); do
  case $1 in
    --windows) windows=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    -c|--connections) connections=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *=*) target=$1; shift ;;
    *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ -n $target && $windows =~ ^[1-9][0-9]*$ && $window =~ ^[1-9][0-9]*$ && $windows -ge 3 ]] \
  || { echo "usage: warmup-curve.sh [--windows N>=3] [--window S] NAME=URL" >&2; exit 2; }
name=${target%%=*} url=${target#*=}
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || { echo "bad target name: $name" >&2; exit 2; }
out=${out:-$(mktemp -d /tmp/warmup-curve.XXXXXX)}
mkdir -p "$out"
if [[ $url == bearer+* ]]; then
  url=${url#bearer+}
  : "${BENCH_BEARER_TOKENS:?bearer+ targets need BENCH_BEARER_TOKENS}"
  (umask 077; bash -c "$BENCH_BEARER_TOKENS" > "$out/access-tokens.txt")
  export BENCH_BEARER_FILE=$out/access-tokens.txt
fi
# Loopback only: a benchmark of this machine, never load on someone else's.
[[ $url == http://127.0.0.1[:/]* ]] || { echo "not an http://127.0.0.1 URL: $url" >&2; exit 2; }

curve=$out/$name.curve.tsv
printf 'second\trps\tp99_ms\tnon2xx\n' > "$curve"
echo "== $name: $windows windows of ${window}s, wrk -t2 -c$connections, from $(date +%T)"
for ((i = 0; i < windows; i++)); do
  wrk -t2 -c"$connections" -d"${window}s" --latency -s "$here/post-basic.lua" "$url" > "$out/$name.$i.txt" || true
  awk -v s=$((i * window)) '$1 == "bench" { v[$2] = $3 }
    END { printf "%d\t%s\t%s\t%s\n", s, v["rps"], v["p99_ms"], v["non2xx"] + v["socket_errors"] }' \
    "$out/$name.$i.txt" | tee -a "$curve"
done
awk -F'\t' -v name="$name" '
  NR == 1 { next }
  { n++; s[n] = $1; r[n] = $2 + 0; p[n] = $3 + 0 }
  END {
    a = r[n - 2]; b = r[n - 1]; c = r[n]
    full = (a >= b) ? ((b >= c) ? b : ((a >= c) ? c : a)) : ((a >= c) ? a : ((b >= c) ? c : b))
    reached = s[n]
    for (i = n; i >= 1 && r[i] >= 0.9 * full; i--) reached = s[i]
    worst = p[n - 2]; if (p[n - 1] > worst) worst = p[n - 1]; if (p[n] > worst) worst = p[n]
    printf "curve %s %.0f %d %.0f %.1f\n", name, r[1], reached, full, worst
  }' "$curve"
