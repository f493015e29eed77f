#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the whole test suite, then lint.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest "$@"
