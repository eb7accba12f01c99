#!/usr/bin/env bash
# Installs (Debian) and starts a local PostgreSQL for the PostgreSQL tests; prints an admin connection string.
# Quiet on stdout except for the connection string, so test.sh can capture it.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL is not installed and this is not root" >&2; exit 1; fi
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_ctlcluster "$version" main start >&2 || (pg_createcluster "$version" main >&2 && pg_ctlcluster "$version" main start >&2)
fi
for _ in $(seq 1 30); do su postgres -c "psql -tAc 'select 1'" >/dev/null 2>&1 && break; sleep 0.5; done
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'blazortrader-test';\"" >&2
echo "Host=127.0.0.1;Username=postgres;Password=blazortrader-test;Database=postgres"
