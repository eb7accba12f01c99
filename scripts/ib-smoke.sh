#!/usr/bin/env bash
# Smoke test of the Interactive Brokers adapter against YOUR paper TWS / IB Gateway. Not run in CI.
#
# What it does: connects (handshake v100..178, START_API), prints the server version and managed accounts,
# places a BUY 1 limit order far below the market (default AAPL @ 1.00, DAY), waits until IB reports it working,
# cancels it and waits for the cancellation. Nothing can fill at that price; the order lives a few seconds.
#
# Before running:
#   - IB Gateway (paper) running and logged in; API enabled, "Read-Only API" OFF, port 4002 (TWS paper: 7497).
#   - "Trusted IPs" contains 127.0.0.1 (or the host you connect from).
#   - Use a client id no other API client uses (default 901).
#
# Usage:   scripts/ib-smoke.sh [host] [port] [clientId]
# Options (environment): IB_SMOKE_ACCOUNT=DU1234567  IB_SMOKE_SYMBOL=AAPL  IB_SMOKE_LIMIT=1.00
# Order ids are kept in $TMPDIR/bt-ib-smoke-ids-<clientId>.txt so a rerun never reuses one.
set -euo pipefail
cd "$(dirname "$0")/.."
export IB_SMOKE_HOST="${1:-${IB_SMOKE_HOST:-127.0.0.1}}"
export IB_SMOKE_PORT="${2:-${IB_SMOKE_PORT:-4002}}"
export IB_SMOKE_CLIENT_ID="${3:-${IB_SMOKE_CLIENT_ID:-901}}"
if [[ "$IB_SMOKE_PORT" == "4001" || "$IB_SMOKE_PORT" == "7496" ]]; then
  echo "Port $IB_SMOKE_PORT is a LIVE trading port; this smoke test is for paper accounts (4002 / 7497)." >&2
  exit 2
fi
echo "IB smoke test against $IB_SMOKE_HOST:$IB_SMOKE_PORT as client $IB_SMOKE_CLIENT_ID"
exec dotnet test BlazorTrader.Tests --filter "Category=IbSmoke" --logger "console;verbosity=detailed"
