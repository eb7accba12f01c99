#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need when it is missing:
# Debian's Chromium (browser tests) and a local PostgreSQL (PostgreSQL provider tests).
set -euo pipefail
cd "$(dirname "$0")"
if [ -x scripts/install-test-deps.sh ]; then scripts/install-test-deps.sh; fi
if [ -z "${BT_TEST_POSTGRES:-}" ] && [ -x scripts/start-test-postgres.sh ]; then
  BT_TEST_POSTGRES="$(scripts/start-test-postgres.sh)"
  export BT_TEST_POSTGRES
fi
dotnet test BlazorTrader.sln --configuration Release "$@"
