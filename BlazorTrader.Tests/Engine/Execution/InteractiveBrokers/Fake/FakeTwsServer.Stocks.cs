using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>
/// Stock positions (issue 17): POSITION_DATA reports a symbol as STK on SMART when it was traded as a stock here, or was
/// seeded as one with <see cref="HoldStock"/> (bought by hand, outside the client); other positions stay MNQ-style futures.
/// </summary>
internal sealed partial class FakeTwsServer
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _stocks = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A stock position the account holds without any order of this client (an "untracked" position).</summary>
    public void HoldStock(string symbol, decimal quantity, decimal averageCost)
    {
        _stocks[symbol] = 0;
        lock (Book.Gate) Book.Positions[symbol] = (0, quantity, averageCost);
    }

    internal bool IsStock(string symbol)
    {
        if (_stocks.ContainsKey(symbol)) return true;
        lock (Book.Gate) return Book.Orders.Values.Any(o => o.Symbol == symbol && o.SecType == "STK");
    }

    /// <summary>POSITION_DATA (v3) of one position; a future's average cost includes its multiplier (2 for MNQ), a stock's does not.</summary>
    internal string[] PositionFields(string symbol, (int ConId, decimal Position, decimal AverageCost) p) => IsStock(symbol)
        ? ["61", "3", Account, S(p.ConId), symbol, "STK", "", "0", "", "", "NASDAQ", "USD", symbol, "NMS", S(p.Position), S(p.AverageCost)]
        : ["61", "3", Account, S(p.ConId), symbol, "FUT", "20260320", "0", "", "2", "CME", "USD", symbol + "H6", symbol, S(p.Position), S(p.AverageCost * 2)];
}
