#!/usr/bin/env bash
# EXAMPLE for real sites: an LDAP realm as the server's default realm, instead of file-realm
# users. NOT TESTED against an LDAP server (none was available): asadmin accepted these exact
# commands on Payara Server 6.2025.10 and the realm was created and deleted again, but no
# login through it was tried. Adapt the values, then try one login before relying on it.
#
# Role mapping: WEB-INF/glassfish-web.xml maps the role kustomer-customer to the GROUP named
# kustomer-customer (and kustomer-token-delegate likewise). The LDAP realm gives a user the
# value of group-target (here: cn) of every group entry that group-search-filter finds, so the
# simplest set-up is two LDAP groups whose cn is exactly kustomer-customer and
# kustomer-token-delegate. Other group names need a different security-role-mapping in the WAR.
#
# Inputs (environment; the bind password comes from a file, mode 600, never the command line):
#   LDAP_URL                  ldap://ldap.example.com:389 (prefer ldaps://…:636)
#   LDAP_BASE_DN              ou=people,dc=example,dc=com
#   LDAP_GROUP_BASE_DN        ou=groups,dc=example,dc=com
#   LDAP_SEARCH_FILTER        default uid=%s        (%s: the user name typed at login)
#   LDAP_GROUP_SEARCH_FILTER  default uniquemember=%d  (%d: the user's DN)
#   LDAP_BIND_DN              cn=payara,ou=services,dc=example,dc=com (empty: anonymous search)
#   LDAP_BIND_PASSWORD_FILE   file whose first line is that DN's password
#   KUSTOMER_LDAP_REALM       realm name, default kustomer-ldap
#   KUSTOMER_LDAP_MAKE_DEFAULT  true: make it the default realm (what the WAR's BASIC login uses;
#                             every other app that relies on the default realm moves too)
#   ASADMIN, ASADMIN_OPTS, ADMIN_PASSWORD_FILE, KUSTOMER_TARGET: as for configure.sh.
# Undo: asadmin set configs.config.<config>.security-service.default-realm=file,
#       asadmin delete-auth-realm kustomer-ldap, asadmin delete-password-alias kustomer-ldap-bind
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

: "${LDAP_URL:?set LDAP_URL}" "${LDAP_BASE_DN:?set LDAP_BASE_DN}" "${LDAP_GROUP_BASE_DN:?set LDAP_GROUP_BASE_DN}"
REALM="${KUSTOMER_LDAP_REALM:-kustomer-ldap}"
BIND_ALIAS="${REALM}-bind"

# asadmin --property separates properties with ':' and names from values with '=':
# both must be escaped with a backslash inside a value.
esc() { local v="${1//\\/\\\\}"; v="${v//:/\\:}"; printf '%s' "${v//=/\\=}"; }

props="jaas-context=ldapRealm"
props+=":directory=$(esc "$LDAP_URL")"
props+=":base-dn=$(esc "$LDAP_BASE_DN")"
props+=":search-filter=$(esc "${LDAP_SEARCH_FILTER:-uid=%s}")"
props+=":group-base-dn=$(esc "$LDAP_GROUP_BASE_DN")"
props+=":group-search-filter=$(esc "${LDAP_GROUP_SEARCH_FILTER:-uniquemember=%d}")"
props+=":group-target=cn"

if [ -n "${LDAP_BIND_DN:-}" ]; then
  [ -n "${LDAP_BIND_PASSWORD_FILE:-}" ] || die "LDAP_BIND_DN needs LDAP_BIND_PASSWORD_FILE"
  bind_pw="$(read_secret_file "$LDAP_BIND_PASSWORD_FILE")"
  pwf="$(password_file AS_ADMIN_ALIASPASSWORD "$bind_pw")"
  unset bind_pw
  if alias_exists "$BIND_ALIAS"; then asadmin_with "$pwf" update-password-alias "$BIND_ALIAS"
  else asadmin_with "$pwf" create-password-alias "$BIND_ALIAS"; fi
  props+=":search-bind-dn=$(esc "$LDAP_BIND_DN")"
  # the realm reads the password from the alias; domain.xml only holds the reference
  props+=":search-bind-password=$(esc "\${ALIAS=$BIND_ALIAS}")"
fi

realms="$(asadmin_list list-auth-realms "$KUSTOMER_TARGET")" || exit 1
if grep -qxF -- "$REALM" <<<"$realms"; then
  asadmin_run delete-auth-realm --target "$KUSTOMER_TARGET" "$REALM"   # recreate: no update command
fi
asadmin_run create-auth-realm --target "$KUSTOMER_TARGET" \
  --classname com.sun.enterprise.security.auth.realm.ldap.LDAPRealm --property "$props" "$REALM"

if [ "${KUSTOMER_LDAP_MAKE_DEFAULT:-false}" = true ]; then
  cfg="$KUSTOMER_TARGET"; [ "$cfg" = server ] && cfg=server-config
  asadmin_run set "configs.config.$cfg.security-service.default-realm=$REALM"
  log "default realm is now $REALM; restart the server so that applications use it"
fi
