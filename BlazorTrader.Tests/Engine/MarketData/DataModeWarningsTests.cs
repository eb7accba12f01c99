using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Tests.Engine.MarketData;

public class DataModeWarningsTests
{
    private static readonly FeedStatus Feed = new("TradingView", true, 0, 0,
    [
        new FeedSymbolStatus("MNQ1!", "delayed", 600, 1_000, 21500m),
        new FeedSymbolStatus("AAPL", "realtime", null, 200, 230m),
        new FeedSymbolStatus("CL1!", "stale", null, 45_000, 70m),
    ], null);

    private static PositionSnapshot Open(long recorderId, string ticker) =>
        new(recorderId, recorderId, ticker, "long", 1, 1m, 1m, 0, 0, 0, 0, "open", DateTime.UtcNow, null);

    [Fact]
    public void RecorderPositions_OnDelayedOrStaleData_GetAWarningEach_LivePricesNone()
    {
        var warnings = DataModeWarnings.For([Open(1, "MNQ1!"), Open(2, "AAPL"), Open(3, "CL1!")], Feed);

        Assert.Equal([(1L, "MNQ1!", "delayed"), (3L, "CL1!", "stale")], warnings.Select(w => (w.RecorderId, w.Symbol, w.DataMode)));
        Assert.Contains("10 min late", warnings[0].Message);
        Assert.Contains("no price for 45 s", warnings[1].Message);
    }

    [Fact]
    public void AccountPositions_AreWarnedOncePerSymbol()
    {
        var warnings = DataModeWarnings.ForSymbols(["MNQ1!", "mnq1!", "AAPL"], Feed);

        var warning = Assert.Single(warnings);
        Assert.Equal((0L, "delayed"), (warning.RecorderId, warning.DataMode));
    }
}
