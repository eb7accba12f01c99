#!/usr/bin/env bash
# Webhook to screen (issue 14): POST of a webhook that opens a position -> its row on a Control Center open in headless
# Chromium, against a Release build of the app; pass a second BlazorTrader.dll (e.g. a worktree of the previous commit)
# to measure it in the same run.
#   bench/webhook-to-screen.sh [--count 40] [<baseline BlazorTrader.dll>]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release -v q BlazorTrader >/dev/null
dotnet build -c Release -v q bench/BlazorTrader.Bench >/dev/null
exec dotnet bench/BlazorTrader.Bench/bin/Release/net10.0/BlazorTrader.Bench.dll screen BlazorTrader/bin/Release/net10.0/BlazorTrader.dll "$@"
