#!/usr/bin/env bash
# Starts the Node.js reference token servers in the background on 127.0.0.1, for
# src/bench/http/wrk-bench.sh, and waits until each answers (a token for alice; 401 from the bearer one):
#   express-string-secret  http://127.0.0.1:19101/kustomer/api/v1/tokens
#   express-keyobject      http://127.0.0.1:19102/kustomer/api/v1/tokens
#   node-http-keyobject    http://127.0.0.1:19103/kustomer/api/v1/tokens
#   node-http-jose         http://127.0.0.1:19104/kustomer/api/v1/tokens (bearer callers; only
#                          when MP_JWT_VERIFY_ISSUER, _PUBLICKEY_LOCATION and _AUDIENCES are set)
# Usage: start-refs.sh [start|stop]
# PIDs go to $BENCH_PID_FILE (default .refs.pid beside this script, git-ignored), logs to
# $BENCH_LOG_DIR (default /tmp). Each server also exits by itself after $BENCH_LIFETIME_S
# seconds (default 1800), so a forgotten stop leaves nothing running for long.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pid_file=${BENCH_PID_FILE:-$here/.refs.pid}
log_dir=${BENCH_LOG_DIR:-/tmp}
export BENCH_LIFETIME_S=${BENCH_LIFETIME_S:-1800}
refs=(express-string-secret:19101 express-keyobject:19102 node-http-keyobject:19103)
[[ -z ${MP_JWT_VERIFY_ISSUER:-} ]] || refs+=(node-http-jose:19104)

stop() {
  [[ -f $pid_file ]] || { echo "no $pid_file: nothing to stop"; return 0; }
  while read -r pid name; do
    # Only a PID that is still one of our node processes: PIDs are reused.
    if ps -p "$pid" -o args= 2>/dev/null | grep -q "$name.mjs"; then
      kill "$pid" && echo "stopped $name ($pid)"
    fi
  done < "$pid_file"
  rm -f "$pid_file"
}

# Ready: alice's password gets a token; the bearer reference refuses it (401), having no password.
answers() {
  local expected=200; [[ $2 != node-http-jose ]] || expected=401
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -u alice:alice-password \
        -X POST "$1") == "$expected" ]]
}

start() {
  [[ -f $pid_file ]] && stop
  [[ -d $here/node_modules ]] || (cd "$here" && npm ci --no-audit --no-fund)
  : > "$pid_file"
  for ref in "${refs[@]}"; do
    name=${ref%%:*} port=${ref##*:}
    node "$here/$name.mjs" "$port" > "$log_dir/bench-$name.log" 2>&1 &
    echo "$! $name" >> "$pid_file"
  done
  for ref in "${refs[@]}"; do
    name=${ref%%:*} port=${ref##*:}
    url=http://127.0.0.1:$port/kustomer/api/v1/tokens
    for _ in $(seq 50); do answers "$url" "$name" && break; sleep 0.2; done
    if ! answers "$url" "$name"; then
      echo "$name did not answer as expected at $url; see $log_dir/bench-$name.log" >&2
      stop; exit 1
    fi
    echo "$name=$url"
  done
  echo "PIDs in $pid_file; they exit by themselves after ${BENCH_LIFETIME_S} s"
}

case ${1:-start} in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
