#!/usr/bin/env bash
# Webhook load (issue 14) and chaos (issue 13) against a Release build of the app, with a bare Kestrel baseline in the
# same run. The bench tool starts and stops the app itself (fresh SQLite in a temp directory, no feed, no rate limit).
#   bench/webhook-load.sh                          scenarios a, b, c: saturation, 500/s fixed rate, database check
#   bench/webhook-load.sh --scenarios a --seconds 5
#   bench/webhook-load.sh --chaos [--kills 20] [--storm 300] [--seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release -v q BlazorTrader >/dev/null
dotnet build -c Release -v q bench/BlazorTrader.Bench >/dev/null
exec dotnet bench/BlazorTrader.Bench/bin/Release/net10.0/BlazorTrader.Bench.dll load BlazorTrader/bin/Release/net10.0/BlazorTrader.dll "$@"
