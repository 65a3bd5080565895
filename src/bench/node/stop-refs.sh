#!/usr/bin/env bash
# Stops the reference servers started by start-refs.sh.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/start-refs.sh" stop
