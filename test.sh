#!/usr/bin/env bash
# Runs every test. Installs what the browser tests need (Debian's Chromium) when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ -x scripts/install-test-deps.sh ]; then scripts/install-test-deps.sh; fi
dotnet test BlazorTrader.sln --configuration Release "$@"
