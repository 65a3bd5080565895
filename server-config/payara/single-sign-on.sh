#!/usr/bin/env bash
# Turn the server's single sign-on across its applications on or off (README: a web app on the
# same server). With it on, a user who signed in to another application of the same server and
# realm (its form login, say) is signed in to kustomer.war too: the page of that application gets
# a token with a same-origin POST and Content-Type application/json, without a second login. The
# service refuses any other request signed in by the cookie (problem cross-site-request-refused).
# It is a setting of the whole server (every application, every virtual server that inherits it),
# so restore.sh leaves it as it is: undo it with "single-sign-on.sh off". Applies at once.
#
#   single-sign-on.sh on|off
#
# Inputs (environment): ASADMIN, ASADMIN_OPTS, ADMIN_PASSWORD_FILE, KUSTOMER_TARGET,
# KUSTOMER_CONFIG as for configure.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

case "$*" in
  on) enabled=true ;;
  off) enabled=false ;;
  *) die "usage: ${0##*/} on|off" ;;
esac

# false is Payara's default: setting it removes the attribute, as if never set.
asadmin_run set "configs.config.$KUSTOMER_CONFIG.http-service.sso-enabled=$enabled"
log "done: single sign-on $1 for the applications of $KUSTOMER_CONFIG"
