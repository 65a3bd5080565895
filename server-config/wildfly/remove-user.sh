#!/usr/bin/env bash
# Remove a user of the Kustomer realm:  remove-user.sh NAME
source "$(dirname "$0")/common.sh"
[ $# -eq 1 ] || die "usage: $0 NAME"
[[ "$1" =~ ^[A-Za-z0-9._@+-]+$ ]] || die "user name '$1': use letters, digits and . _ @ + - only"
printf 'kustomer.user.name=%s\n' "$1" > "$WORK/user.properties"
cli "$HERE/remove-user.cli" "$WORK/user.properties" > /dev/null
echo "user $1 removed"
