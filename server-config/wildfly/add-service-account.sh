#!/usr/bin/env bash
# Add or replace a back end's account (a delegate) with a credential this script generates.
#   add-service-account.sh NAME CREDENTIAL_FILE [GROUPS]
# Writes 256 random bits (43 characters, Base64url) to CREDENTIAL_FILE, which must not exist
# yet (mode 600; give it to the back end, e.g. as a secret of its deployment), and stores a
# salted SHA-512 of it in the Kustomer realm. GROUPS defaults to kustomer-token-delegate.
# Why not bcrypt, as for people's passwords: bcrypt makes a guessable password expensive to
# guess from a stolen realm; a 256-bit random value cannot be guessed at any hash speed, and
# the fast hash lets a back end ask for thousands of tokens a second (README, Performance).
source "$(dirname "$0")/common.sh"
[ $# -ge 2 ] || die "usage: $0 NAME CREDENTIAL_FILE [GROUPS]"
name=$1 credential_file=$2 groups=${3:-kustomer-token-delegate}
[ ! -e "$credential_file" ] || die "$credential_file exists; choose a new file (the old credential stays valid until this runs)"
[ -d "$(dirname "$credential_file")" ] || die "no such directory: $(dirname "$credential_file")"
(umask 077; head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$credential_file")
[ "$(wc -c < "$credential_file")" -eq 43 ] || { rm -f "$credential_file"; die "could not generate the credential"; }
KUSTOMER_USER_KIND=service-credential "$HERE/add-user.sh" "$name" "$groups" "$credential_file" \
    || { rm -f "$credential_file"; die "the account was not stored; $credential_file removed"; }
echo "service account $name: credential in $credential_file (mode 600)"
