#!/usr/bin/env bash
# The README's test command (`make test`): lint, library check, and the whole suite on SQLite, then on a
# throwaway PostgreSQL 15 cluster. Installs what it needs (Debian chromium, postgresql-15) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export GUIDEWISE_SHARED_DATA="${GUIDEWISE_SHARED_DATA:-$(cd .. && pwd)/shared/data}"

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
PG_BIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -n "$PG_BIN" ] || need_apt+=(postgresql-15)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages: ${need_apt[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need_apt[*]} (run as root or install them: sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
  PG_BIN=/usr/lib/postgresql/15/bin
fi

$BIN/ruff check src tests bench
$BIN/mypy
$BIN/guidewise library check

echo "== test suite on SQLite"
$BIN/python -m pytest -q -n 2 -m "not slow" -p no:cacheprovider

echo "== test suite on PostgreSQL 15"
PGDIR=$(mktemp -d /tmp/guidewise-pg.XXXXXX)
PGPORT=${GUIDEWISE_TEST_PG_PORT:-55432}
chown postgres "$PGDIR" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
as_pg "$PG_BIN/initdb -D $PGDIR/data -U postgres -A trust -E UTF8 >/dev/null"
as_pg "$PG_BIN/pg_ctl -D $PGDIR/data -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off' -l $PGDIR/log -w start >/dev/null"
trap 'as_pg "$PG_BIN/pg_ctl -D $PGDIR/data -m immediate stop >/dev/null" || true; rm -rf "$PGDIR"' EXIT
export GUIDEWISE_TEST_PG_ADMIN_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
$BIN/python -m pytest -q -n 2 -m "not slow" -p no:cacheprovider
