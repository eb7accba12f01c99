namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>HISTORICAL_DATA and SCANNER_DATA at server version 178 (field order of the official client's decoder).</summary>
internal static class TwsMarketDataDecoder
{
    // No version field at >= 124 (synthetic real-time bars). Start and end dates are still here at 178 (they move to
    // HISTORICAL_DATA_END at 196); each bar: date, open, high, low, close, volume, wap, barCount.
    public static HistoricalDataMessage ReadHistoricalData(TwsFieldReader r)
    {
        var requestId = r.ReadInt();
        r.Skip(2);                                         // start and end of the period, as text
        var count = r.ReadInt();
        var bars = new List<TwsBar>(count);
        for (var i = 0; i < count; i++)
            bars.Add(new TwsBar(r.ReadString(), r.ReadDecimalOrNull(), r.ReadDecimalOrNull(), r.ReadDecimalOrNull(), r.ReadDecimalOrNull(),
                NoneIfNegative(r.ReadDecimalOrNull()), NoneIfNegative(r.ReadDecimalOrNull()), r.ReadInt()));
        return new HistoricalDataMessage(requestId, bars);
    }

    // After the version: reqId, count; each row: rank, conId, symbol, secType, expiry, strike, right, exchange, currency,
    // localSymbol, marketName, tradingClass, distance, benchmark, projection, legs (no multiplier in this block).
    public static ScannerDataMessage ReadScannerData(TwsFieldReader r)
    {
        var requestId = r.ReadInt();
        var count = r.ReadInt();
        var rows = new List<TwsScanRow>(count);
        for (var i = 0; i < count; i++)
        {
            var rank = r.ReadInt();
            var conId = r.ReadInt();
            var symbol = r.ReadString();
            var secType = r.ReadString();
            var expiry = r.ReadString();
            var strike = r.ReadDecimalOrNull();
            var right = r.ReadString();
            var exchange = r.ReadString();
            var currency = r.ReadString();
            var localSymbol = r.ReadString();
            var marketName = r.ReadString();
            var tradingClass = r.ReadString();
            r.Skip(4);                                     // distance, benchmark, projection, legs
            rows.Add(new TwsScanRow(rank, new TwsContractSummary(conId, symbol, secType, expiry, strike, right, "", exchange, currency, localSymbol, tradingClass), marketName));
        }
        return new ScannerDataMessage(requestId, rows);
    }

    // TWS writes -1 for "no volume" (e.g. a bar without trades in some feeds).
    private static decimal? NoneIfNegative(decimal? value) => value < 0 ? null : value;
}
