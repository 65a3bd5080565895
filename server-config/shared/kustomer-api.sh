# Fetching Kustomer's secret with an API key, for configure.sh and rotate-secret.sh of both servers.
# Sourced, never run. The fetch itself is java/io/kustomertoken/admin/KustomerSecretFetch.java below
# this folder, run by a JDK 17+ as a single source file (JDK 22+ want the file in folders that match
# its package): time-outs, retries, the size cap and every check of the answer are there.
#
# The API key: from a file of mode 600/400 (its first line) or typed at a no-echo prompt. It goes to
# the fetch through a pipe: never on a command line, in an environment or on disk, never printed.
# The secret comes back through a pipe too, into a shell variable of the calling script.
# shellcheck shell=bash

KUSTOMER_SHARED_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The java that runs the fetch: KUSTOMER_JAVA, else $JAVA_HOME/bin/java, else java on the PATH.
# It must be a JDK 17 or later (the source launcher needs the jdk.compiler module).
kustomer_java() {
    local java=${KUSTOMER_JAVA:-}
    [ -n "$java" ] || { [ -z "${JAVA_HOME:-}" ] || java=$JAVA_HOME/bin/java; }
    [ -n "$java" ] || java=$(command -v java || true)
    [ -n "$java" ] && [ -x "$java" ] || { kustomer_api_die "no java found to fetch the secret with: set KUSTOMER_JAVA or JAVA_HOME to a JDK 17 or later"; return 1; }
    local about version
    # One JVM start: its version (stderr) and its modules (stdout; a Java 8 knows no --list-modules).
    about=$("$java" -XshowSettings:properties --list-modules 2>&1 || true)
    version=$(sed -n 's/^ *java\.specification\.version = //p' <<<"$about" | head -1)
    case "$version" in
        1.*|''|[0-9]|1[0-6]) kustomer_api_die "$java is Java ${version:-of unknown version}; fetching the secret needs a JDK 17 or later (KUSTOMER_JAVA or JAVA_HOME)"; return 1 ;;
    esac
    grep -q '^jdk\.compiler@' <<<"$about" \
        || { kustomer_api_die "$java is a JRE without the jdk.compiler module; fetching the secret needs a JDK (KUSTOMER_JAVA or JAVA_HOME)"; return 1; }
    printf '%s' "$java"
}

kustomer_api_die() { printf '%s: ERROR: %s\n' "${0##*/}" "$*" >&2; }

# The API key: the first line of FILE (mode 600 or 400), or, with no FILE, typed on the terminal.
kustomer_api_key() {
    local file=$1 key="" mode
    if [ -n "$file" ]; then
        [ -f "$file" ] && [ -r "$file" ] || { kustomer_api_die "$file: no such readable file (the Kustomer API key)"; return 1; }
        mode=$(stat -c '%a' "$file" 2>/dev/null || stat -f '%Lp' "$file")
        case "$mode" in
            [0-7]00) ;;
            *) kustomer_api_die "$file has mode $mode; it holds the Kustomer API key: chmod 600 '$file'"; return 1 ;;
        esac
        # At most 8193 characters: a longer first line is refused by the fetch, not read whole.
        IFS= read -r -n 8193 key < "$file" || [ -n "$key" ] || { kustomer_api_die "$file is empty (the Kustomer API key)"; return 1; }
    else
        [ -t 0 ] || { kustomer_api_die "no API key file and no terminal to ask on: give the Kustomer API key in a file of mode 600"; return 1; }
        IFS= read -r -s -n 8193 -p "Kustomer API key (roles org.admin.apps, or org.admin and org.user): " key; echo >&2
    fi
    key=${key%$'\r'}
    [ -n "$key" ] || { kustomer_api_die "the Kustomer API key is empty"; return 1; }
    printf '%s' "$key"
}

# fetch_secret_from_kustomer KEY_FILE FETCH_OPTIONS...: prints the secret Kustomer gives for the
# key (KEY_FILE empty: asked for). FETCH_OPTIONS are KustomerSecretFetch's: --org ORG or --api-url
# URL, and --allow-short / --ascii-only. On failure one line says what to do, and it returns 1.
fetch_secret_from_kustomer() {
    local key_file=$1 java key
    shift
    java=$(kustomer_java) || return 1
    key=$(kustomer_api_key "$key_file") || return 1
    # printf is a shell builtin: the key is in no process's arguments.
    printf '%s\n' "$key" | "$java" -XX:TieredStopAtLevel=1 -Xshare:auto "$KUSTOMER_SHARED_DIR/java/io/kustomertoken/admin/KustomerSecretFetch.java" "$@"
}
