#!/usr/bin/env bash
# Runs the same wrk load against each token endpoint given as NAME=URL, one after the other,
# and prints one Markdown table comparing them.
#
# Usage: wrk-bench.sh [options] NAME=URL [NAME=URL ...]
#   --warmup S         seconds of unmeasured load before each measured run (default 10; 0 = none)
#   --rewarm S         the same from the second round on, when every target is warm already
#                      (default: --warmup)
#   -d, --duration D   wrk duration of each measured run (default 20s)
#   -c, --connections N  open connections (default 32)
#   -t, --threads N    wrk threads (default 2)
#   --repeat N         run the whole list N times, round-robin (default 1); the table then
#                      shows the min–max of each figure and ratios of median req/s
#   --ref NAME         target the req/s ratio is taken against (default node-http-keyobject)
#   --ceiling NAME     target measuring what this machine can serve at all (default ceiling)
#   --out DIR          keep wrk's output and results.tsv there (default a new /tmp directory)
# URL is the full token URL on 127.0.0.1, e.g. java=http://127.0.0.1:8080/kustomer/api/v1/tokens.
# A URL written bearer+http://… is asked with distinct access tokens in turn: before each run
# of such a target the command in BENCH_BEARER_TOKENS (e.g. "src/bench/http/access-tokens.sh 300")
# prints fresh ones, one a line (access tokens live minutes; the fetch is not measured).
# Every request is POST with no body (or BENCH_BODY, as JSON) and BASIC for BENCH_USER /
# BENCH_PASSWORD (default alice / alice-password), or with BENCH_BEARER an access token, from
# post-basic.lua beside this script. A target that does not answer
# one curl request with 200 just before its turn is skipped, with a message.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lua=$here/post-basic.lua
warmup=10 rewarm= duration=20s connections=32 threads=2 repeat=1
ref=node-http-keyobject ceiling=ceiling out=
targets=()

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while (($#)); do
  case $1 in
    --warmup) warmup=$2; shift 2 ;;
    --rewarm) rewarm=$2; shift 2 ;;
    -d|--duration) duration=$2; shift 2 ;;
    -c|--connections) connections=$2; shift 2 ;;
    -t|--threads) threads=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --ref) ref=$2; shift 2 ;;
    --ceiling) ceiling=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *=*) targets+=("$1"); shift ;;
    *) echo "not NAME=URL: $1" >&2; usage ;;
  esac
done
((${#targets[@]})) || usage
for target in "${targets[@]}"; do
  [[ ${target%%=*} =~ ^[A-Za-z0-9._-]+$ ]] || { echo "bad target name in $target" >&2; exit 2; }
  # Loopback only: this is a benchmark of one machine, never load on someone else's.
  url=${target#*=}; url=${url#bearer+}
  [[ $url == http://127.0.0.1[:/]* ]] || { echo "not an http://127.0.0.1 URL: $target" >&2; exit 2; }
  [[ ${target#*=} != bearer+* || -n ${BENCH_BEARER_TOKENS:-} ]] || { echo "$target needs BENCH_BEARER_TOKENS" >&2; exit 2; }
done
rewarm=${rewarm:-$warmup}
[[ $warmup =~ ^[0-9]+$ && $rewarm =~ ^[0-9]+$ && $repeat =~ ^[1-9][0-9]*$ ]] \
  || { echo "--warmup, --rewarm and --repeat take whole numbers" >&2; exit 2; }

out=${out:-$(mktemp -d /tmp/wrk-bench.XXXXXX)}
mkdir -p "$out"
results=$out/results.tsv
printf 'round\ttarget\trps\tp50_ms\tp99_ms\tnon2xx\tsocket_errors\n' > "$results"

# One request as wrk will send it (BENCH_BODY too); the credentials go to curl on its standard
# input, not on its command line.
answers_200() {
  local body=(-X POST)
  [[ -z ${BENCH_BODY:-} ]] || body=(-H 'Content-Type: application/json' --data-raw "$BENCH_BODY")
  local credentials
  if [[ -n ${BENCH_BEARER_FILE:-} ]]; then
    credentials=$(printf 'header = "Authorization: Bearer %s"\n' "$(head -1 "$BENCH_BEARER_FILE")")
  elif [[ -n ${BENCH_BEARER:-} ]]; then
    credentials=$(printf 'header = "Authorization: Bearer %s"\n' "$BENCH_BEARER")
  else
    credentials=$(printf 'user = "%s:%s"\n' "${BENCH_USER:-alice}" "${BENCH_PASSWORD:-alice-password}")
  fi
  [[ $(printf '%s\n' "$credentials" \
        | curl -s -o /dev/null -w '%{http_code}' --max-time 5 --config - "${body[@]}" "$1") == 200 ]]
}

echo "wrk -t$threads -c$connections -d$duration --latency, warm-up ${warmup}s (then ${rewarm}s), $repeat round(s); output in $out"
for ((round = 1; round <= repeat; round++)); do
  ((round == 1)) || warmup=$rewarm
  for target in "${targets[@]}"; do
    name=${target%%=*} url=${target#*=}
    unset BENCH_BEARER_FILE
    if [[ $url == bearer+* ]]; then
      url=${url#bearer+}
      (umask 077; bash -c "$BENCH_BEARER_TOKENS" > "$out/access-tokens.txt") \
        || { echo "BENCH_BEARER_TOKENS failed before $name" >&2; exit 1; }
      export BENCH_BEARER_FILE=$out/access-tokens.txt
      echo "== $name: $(wc -l < "$BENCH_BEARER_FILE") distinct access tokens, in turn"
    fi
    if ! answers_200 "$url"; then
      echo "== round $round: SKIPPED $name: one POST to $url did not answer 200" >&2
      printf '%d\t%s\tskipped\t\t\t\t\n' "$round" "$name" >> "$results"
      continue
    fi
    echo "== round $round: $name $url"
    if ((warmup > 0)); then
      wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$lua" "$url" > "$out/$name.$round.warmup.txt"
    fi
    log=$out/$name.$round.txt
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$lua" "$url" | tee "$log"
    awk -v round="$round" -v name="$name" '
      $1 == "bench" { v[$2] = $3 }
      END { printf "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", round, name, v["rps"], v["p50_ms"], v["p99_ms"], v["non2xx"], v["socket_errors"] }
    ' "$log" >> "$results"
  done
done

echo
awk -F'\t' -v ref="$ref" -v ceiling="$ceiling" -v repeat="$repeat" '
  function range(min, max, fmt) { return sprintf(fmt, min) (min == max ? "" : "–" sprintf(fmt, max)) }
  function median(name,   n, i, j, a, t) {
    n = runs[name]
    for (i = 1; i <= n; i++) a[i] = rps[name, i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  NR == 1 { next }
  !($2 in seen) { seen[$2] = 1; order[++names] = $2 }
  $3 == "skipped" { skipped[$2]++; next }
  {
    n = ++runs[$2]; rps[$2, n] = $3; non2xx[$2] += $6; sockerr[$2] += $7
    if (n == 1 || $3 < rmin[$2]) rmin[$2] = $3; if (n == 1 || $3 > rmax[$2]) rmax[$2] = $3
    if (n == 1 || $4 < p50min[$2]) p50min[$2] = $4; if (n == 1 || $4 > p50max[$2]) p50max[$2] = $4
    if (n == 1 || $5 < p99min[$2]) p99min[$2] = $5; if (n == 1 || $5 > p99max[$2]) p99max[$2] = $5
  }
  END {
    has_ref = runs[ref] > 0; has_ceiling = runs[ceiling] > 0
    if (has_ref) ref_rps = median(ref)
    if (has_ceiling) ceiling_rps = median(ceiling)
    per = repeat > 1 ? " (min–max)" : ""
    head = "| target | req/s" per " | p50 ms" per " | p99 ms" per " | non-2xx |"
    rule = "|---|---:|---:|---:|---:|"
    of = repeat > 1 ? " (median req/s)" : ""
    if (has_ref) { head = head " ÷ " ref of " |"; rule = rule "---:|" }
    if (has_ceiling) { head = head " ÷ " ceiling of " |"; rule = rule "---:|" }
    print head; print rule
    for (i = 1; i <= names; i++) {
      name = order[i]
      if (!runs[name]) {
        line = "| " name " | skipped | | | |"
        if (has_ref) line = line " |"; if (has_ceiling) line = line " |"
        print line; continue
      }
      line = "| " name " | " range(rmin[name], rmax[name], "%.0f") " | " range(p50min[name], p50max[name], "%.2f") \
             " | " range(p99min[name], p99max[name], "%.2f") " | " non2xx[name] (sockerr[name] ? " (+" sockerr[name] " socket errors)" : "") \
             (skipped[name] ? ", skipped " skipped[name] "×" : "") " |"
      if (has_ref) line = line sprintf(" %.2f |", median(name) / ref_rps)
      if (has_ceiling) line = line sprintf(" %.2f |", median(name) / ceiling_rps)
      print line
    }
  }
' "$results"
