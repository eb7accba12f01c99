using System.ComponentModel.DataAnnotations;

namespace BlazorTrader.Engine.MarketData;

public enum MarketDataSource { None, Simulated, Replay, TradingView, InteractiveBrokers }

/// <summary>Configuration section <c>MarketData</c> (docs/api.md).</summary>
public sealed class MarketDataOptions
{
    public const string Section = "MarketData";

    public MarketDataSource Source { get; set; } = MarketDataSource.Simulated;
    public string? ReplayFile { get; set; }
    /// <summary>Replay speed factor; 0 = as fast as possible.</summary>
    [Range(0, 10_000)] public double ReplaySpeed { get; set; } = 1;
    /// <summary>No tick for this long (while the feed is up) marks a symbol stale.</summary>
    [Range(1, 3600)] public int StaleAfterSeconds { get; set; } = 30;
    /// <summary>Only call a silent symbol stale while its market is open (exchange calendar); off = always.</summary>
    public bool StaleOnlyWhileMarketOpen { get; set; } = true;
    /// <summary>How often the simulated feed moves each symbol.</summary>
    [Range(1, 60_000)] public int SimulatedIntervalMs { get; set; } = 500;
    /// <summary>Symbols the simulated feed quotes with their start prices; open positions are added at their entry.</summary>
    public Dictionary<string, decimal> SimulatedSymbols { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MNQ1!"] = 21500m, ["NQ1!"] = 21500m, ["MES1!"] = 6000m, ["ES1!"] = 6000m, ["M2K1!"] = 2400m, ["RTY1!"] = 2400m,
        ["MYM1!"] = 44000m, ["YM1!"] = 44000m, ["CL1!"] = 70m, ["MCL1!"] = 70m, ["GC1!"] = 2650m, ["MGC1!"] = 2650m,
        ["SI1!"] = 31m, ["ZN1!"] = 110.5m, ["ZB1!"] = 117m, ["6E1!"] = 1.08m, ["SPY"] = 600m, ["AAPL"] = 230m,
        // The S&P 500 index: the paper broker prices SPXW options (the SPX calendar) from it.
        ["SPX"] = 6000m,
    };
    /// <summary>How often live P&amp;L is written to the database.</summary>
    [Range(100, 60_000)] public int FlushIntervalMs { get; set; } = 1000;
    /// <summary>How often each recorder with open positions gets a P&amp;L history point.</summary>
    [Range(1, 3600)] public int PnlHistorySeconds { get; set; } = 60;
    public string? TradingViewUrl { get; set; }
    /// <summary>A user's TradingView session token for real-time data; secret, never logged or returned.</summary>
    public string? TradingViewAuthToken { get; set; }
    /// <summary>Explicit ticker to TradingView symbol entries (e.g. SPY = AMEX:SPY); futures roots map by default.</summary>
    public Dictionary<string, string> TradingViewSymbols { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Exchange prefix of stock tickers on TradingView.</summary>
    public string TradingViewStockExchange { get; set; } = "NASDAQ";
    /// <summary>Symbols a live feed always subscribes, besides those with open positions.</summary>
    public string[] WatchSymbols { get; set; } = [];
}
