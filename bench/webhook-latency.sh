#!/usr/bin/env bash
# Starts the app (Release, fresh SQLite, no feed) on a free port and measures webhook latency against it.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-500}"
port=5099
data="$(mktemp -d)"
dotnet build -c Release -v q BlazorTrader >/dev/null
dotnet build -c Release -v q bench/BlazorTrader.Bench >/dev/null
dotnet BlazorTrader/bin/Release/net10.0/BlazorTrader.dll --urls "http://127.0.0.1:$port" \
  --BlazorTrader:DataDirectory "$data" --BlazorTrader:ApiKey bench-key --MarketData:Source None \
  --Webhooks:RateLimitPerMinute 100000 --Logging:LogLevel:Default Warning >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
dotnet bench/BlazorTrader.Bench/bin/Release/net10.0/BlazorTrader.Bench.dll webhooks "http://127.0.0.1:$port" bench-key "$count"
