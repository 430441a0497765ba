#!/usr/bin/env bash
# The test suite drives two real programs: a throwaway PostgreSQL server (store tests) and a headless
# Chromium (web UI tests). Install Debian's packages when they are missing and we may; otherwise say
# what is missing, and the tests that need it are skipped locally (with CI set, they fail instead).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need[*]} (Debian packages) for the test suite"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
    echo "note: ${need[*]} not installed; the tests that need them will be skipped" >&2
fi
