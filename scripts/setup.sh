#!/usr/bin/env bash
# Sets up everything xxgk needs on a Debian machine: system packages (when we are root and
# apt is there), a virtualenv in .venv with the package and its test tools.
# --tests also installs what only the tests need (Debian's chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(libreoffice-writer-nogui fonts-noto-cjk poppler-utils python3-venv)
if [ "${1:-}" = "--tests" ]; then
  DEBIAN_PACKAGES+=(chromium)
fi

need_apt=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "!! missing Debian packages (PDF output, .doc reading and the Python venv need them): ${need_apt[*]}" >&2
  fi
fi

# The distribution's CPython is built with PGO and LTO and parses about a quarter faster than an
# unoptimised build (such as pyenv's default); it is used when it is 3.11 or newer, unless PYTHON is set.
if [ -z "${PYTHON:-}" ] && /usr/bin/python3 -c 'import sys, ensurepip; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  PY=/usr/bin/python3
else
  PY=${PYTHON:-python3}
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
echo "== xxgk installed: $(.venv/bin/xxgk --help >/dev/null && echo ok)"
