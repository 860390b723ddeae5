#!/usr/bin/env bash
# Runs every test, slow ones included, after installing what the tests need on a fresh machine.
# This is the test command README.md gives; CI runs it through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v bwrap >/dev/null 2>&1 || need_apt+=(bubblewrap)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "warning: missing ${need_apt[*]} and cannot install them here; tests that need them fall back or fail" >&2
  fi
fi
python3 -c 'import sympy, numpy' || { echo "python3 with sympy and numpy is required" >&2; exit 1; }

# The report test renders HTML in headless Chromium; in this script it must not be skipped.
exec mvn -B -ntp -Pfull -Dsiam4j.requireChromium=true verify "$@"
