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
# Full speed is the median req/s of the last five windows; the time to full speed is when the
# first window starts from which the median of every three windows in a row stays at 80 % of it
# or more (one window alone is too noisy on 2 cores). Printed last, one line:
#   curve NAME first_window_rps time_to_full_s full_rps median_p99_ms_of_the_last_five non2xx_and_socket_errors
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
  function median(arr, from, to,   i, j, t, k, v) {
    k = 0; for (i = from; i <= to; i++) v[++k] = arr[i]
    for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return v[int((k + 1) / 2)]
  }
  NR == 1 { next }
  { n++; s[n] = $1; r[n] = $2 + 0; p[n] = $3 + 0; failed += $4 }
  END {
    last = (n >= 5) ? n - 4 : 1
    full = median(r, last, n)
    reached = s[n]
    for (i = n - 2; i >= 1 && median(r, i, i + 2) >= 0.8 * full; i--) reached = s[i]
    # A curve of refusals measures nothing: the last field says how many answers were not 2xx.
    printf "curve %s %.0f %d %.0f %.1f %d\n", name, r[1], reached, full, median(p, last, n), failed
  }' "$curve"
