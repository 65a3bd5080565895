#!/usr/bin/env bash
# Add or update a user of the Kustomer realm on a running WildFly.
#   add-user.sh NAME GROUPS [PASSWORD_FILE]
# GROUPS: comma-separated, e.g. kustomer-customer or kustomer-token-delegate, or "" for none.
# PASSWORD_FILE: a file (mode 600/400) whose first line is the password. Without it, the
# script prompts (twice, no echo). The password never appears on a command line.
source "$(dirname "$0")/common.sh"
[ $# -ge 2 ] || die "usage: $0 NAME GROUPS [PASSWORD_FILE]"
name=$1 groups=$2 pwfile=${3:-}
[[ "$name" =~ ^[A-Za-z0-9._@+-]+$ ]] || die "user name '$name': use letters, digits and . _ @ + - only"
[[ -z "$groups" || "$groups" =~ ^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$ ]] || die "groups '$groups': comma-separated names"
if [ -n "$pwfile" ]; then
    require_private_file "$pwfile"; pw=$(read_secret "$pwfile")
else
    pw=$(prompt_secret "password for $name")
fi
# The first operation decides whether the second runs: a user the realm's files say is new is
# added at once, any other is looked up and added only if missing (see add-user.cli).
case $(user_state "$name") in
    no) first=add-identity then=read-identity ;;
    *) first=read-identity then=add-identity ;;
esac
props="$WORK/user.properties"
{
    printf 'kustomer.user.name=%s\n' "$name"
    printf 'kustomer.user.first=%s\nkustomer.user.then=%s\n' "$first" "$then"
    printf 'kustomer.user.groups=%s\n' "$groups"
    printf 'kustomer.user.kind=%s\n' "${KUSTOMER_USER_KIND:-password}"
    printf 'kustomer.user.salt=%s\n' "$(random_salt)"
    printf 'kustomer.user.password=%s\n' "$(cli_value "$pw")"
} > "$props"
unset pw
cli "$HERE/add-user.cli" "$props" > /dev/null
# The identity files hold bcrypt hashes: owner only (when the server is on this machine).
realm_dir="$(config_dir)/kustomer-realm"
[ ! -d "$realm_dir" ] || chmod -R go-rwx "$realm_dir"
echo "user $name: groups [${groups}]"
