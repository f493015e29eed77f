#!/usr/bin/env bash
# Sets up (scripts/setup.sh --tests) and runs the whole test suite, then lint.
#
# The suite runs on SQLite (the default database), then the web system's tests run again on the
# machine's PostgreSQL (XXGK_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/xxgk;
# the tests create and drop their own test_… database). Browser tests run in the first pass only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
.venv/bin/ruff check src tests bench

PG_URL=${XXGK_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/xxgk}
if ! .venv/bin/python - "$PG_URL" <<'PY'
import sys, psycopg, dj_database_url
c = dj_database_url.parse(sys.argv[1])
psycopg.connect(host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], password=c["PASSWORD"] or None,
                dbname="postgres", connect_timeout=5).close()
PY
then
  echo "!! PostgreSQL is not reachable at $PG_URL: the web system's tests must also run on it" >&2
  exit 1
fi

export XXGK_DATA_DIR=${XXGK_DATA_DIR:-$(mktemp -d)}
echo "== tests on SQLite"
.venv/bin/python -m pytest "$@"

web_tests=()
for d in tests/agencies tests/site tests/ledger tests/registers tests/annual tests/portal tests/audit; do
  [ -d "$d" ] && web_tests+=("$d")
done
echo "== the web system's tests on PostgreSQL"
if [ $# -gt 0 ]; then
  XXGK_DATABASE_URL=$PG_URL .venv/bin/python -m pytest -m "not browser" "$@"
else
  XXGK_DATABASE_URL=$PG_URL .venv/bin/python -m pytest -m "not browser" "${web_tests[@]}"
fi
