using System.Globalization;

namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>
/// Idempotency keys of the day trader's orders. An entry's key is strategy + trade date + symbol + entry number, so a
/// restart, a retried scan or a second instance asking for the same entry hits the UNIQUE index and buys nothing more.
/// </summary>
public static class GapAndGoKeys
{
    public static string Entry(long strategyId, DateOnly tradeDate, string symbol, int entryNumber) =>
        $"gap:{strategyId}:{tradeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{symbol.ToUpperInvariant()}:{entryNumber}";

    public static string Liquidation(long strategyId, DateOnly tradeDate, string symbol) =>
        $"gap:{strategyId}:{tradeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{symbol.ToUpperInvariant()}:liquidate";
}
