# Shared by wildfly.sh and payara.sh (sourced): waiting for the deployed application.

# await_application PORT SINCE [CONTEXT]: waits (60 s at most from now) until the application at
# CONTEXT (default kustomer) answers an anonymous POST with 401, then reports how long configuring
# took since SINCE (epoch seconds).
await_application() {
    local port=$1 since=$2 context=${3:-kustomer} status waited; waited=$(date +%s)
    until status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/$context/api/v1/tokens"); [ "$status" = 401 ]; do
        [ $(( $(date +%s) - waited )) -lt 60 ] || { say "/$context does not answer 401 (last: $status)"; return 1; }
        sleep 1
    done
    say "configured and deployed in $(( $(date +%s) - since )) s: http://127.0.0.1:$port/$context/"
}

# announce_ready: touches IT_SERVER_READY_FILE if set, once the server is configured and its
# applications answer (.ci/run starts the walk-through beside this run only then: the two
# configuring at once on 2 cores took three times as long).
announce_ready() {
    [ -z "${IT_SERVER_READY_FILE:-}" ] || touch "$IT_SERVER_READY_FILE"
}
