#!/usr/bin/env bash
# Remove a user of the Kustomer realm:  remove-user.sh NAME
source "$(dirname "$0")/common.sh"
[ $# -eq 1 ] || die "usage: $0 NAME"
[[ "$1" =~ ^[A-Za-z0-9._@+-]+$ ]] || die "user name '$1': use letters, digits and . _ @ + - only"
# Not asked of the server when the realm's files say the user is not there: a failed lookup
# would log an ERROR line.
if [ "$(user_state "$1")" = no ]; then
    echo "user $1 is not in the realm; nothing to remove"
    exit 0
fi
printf 'kustomer.user.name=%s\n' "$1" > "$WORK/user.properties"
cli "$HERE/remove-user.cli" "$WORK/user.properties" > /dev/null
echo "user $1 removed"
