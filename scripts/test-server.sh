#!/usr/bin/env bash
# The data service's suite, twice: on embedded PostgreSQL (PGlite) always, and on a real
# PostgreSQL server in a throwaway cluster (Debian's pg_virtualenv). Locally, the server run is
# left out only when no server can be started, and then it says so; in CI it is required, and
# as root on Debian the package is installed when missing.
#
# `bash scripts/test-server.sh pglite` or `… postgres` runs one of the two (CI runs them in
# different lanes); without an argument, both.
set -euo pipefail
cd "$(dirname "$0")/.."
engines=${1:-both}

if [ "$engines" != postgres ]; then
  npx vitest run --project server
fi
if [ "$engines" = pglite ]; then
  exit 0
fi

if ! command -v pg_virtualenv >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null >/dev/null
  apt-get install -y postgresql </dev/null >/dev/null
fi
if ! command -v pg_virtualenv >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI needs PostgreSQL for the server suite: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "PostgreSQL is not installed (Debian: sudo apt-get install -y postgresql): the server suite ran on PGlite only." >&2
  exit 0
fi
# pg_virtualenv starts a cluster of its own on a free port and sets PGHOST, PGPORT, PGUSER and
# PGPASSWORD; the tests make one database per file in it. Only the files that use a database
# (through the harness) run again: the pure ones (cells, kinds, compose, reader) do not change
# with the engine. Two of those stay on PGlite alone, to keep CI under eight minutes on two
# cores: the accounts' suite (its SQL is plain; sessions and sign-ins on a server are met again
# in http.test, and most of its time is password hashing and two command-line processes) and
# the kill -9 in a commit (a server's transaction is PostgreSQL's own guarantee; the embedded
# database's files are what that test is for).
mapfile -t on_database < <(grep -l "from './harness.ts'" test/server/*.test.ts | grep -v -e accounts.test.ts -e crash.test.ts)
pg_virtualenv -- env TEST_POSTGRES=1 npx vitest run --project server "${on_database[@]}"
