# Sourced by both servers' scripts: the browser origins of kustomer.cors.allowed-origins
# (docs/clients.md, "Browser apps on another origin"), checked as the service reads them, so
# that a typo stops the script instead of being left out by the service with a warning.

# check_cors_origins LIST: dies unless every comma- or space-separated entry is an origin.
check_cors_origins() {
    local origin origins
    [ -n "${1//[, ]/}" ] || die "the allowed origins are empty: name at least one, or none to remove the list"
    IFS=', ' read -r -a origins <<< "$1"   # no glob expansion: * stays *
    for origin in "${origins[@]}"; do
        [ -n "$origin" ] || continue
        [[ "${origin,,}" =~ ^https?://([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:([0-9]{1,5}))?/?$ ]] \
            && [[ "$origin" != *..* ]] \
            && { [ -z "${BASH_REMATCH[4]}" ] || (( 10#${BASH_REMATCH[4]} >= 1 && 10#${BASH_REMATCH[4]} <= 65535 )); } \
            || die "'$origin' is not a browser origin: scheme://host[:port], http or https, no path, no wildcard, not null"
    done
}
