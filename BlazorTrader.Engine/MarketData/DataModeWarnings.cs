using BlazorTrader.Engine.Events;

namespace BlazorTrader.Engine.MarketData;

/// <summary>A recorder is trading on prices that are not live: what, why, and how to fix it.</summary>
public sealed record DataModeWarning(long RecorderId, string Symbol, string DataMode, int? DelaySeconds, string Message);

/// <summary>Late data is worse than no data: every open position on delayed or stale prices gets a warning that says so.</summary>
public static class DataModeWarnings
{
    public static IReadOnlyList<DataModeWarning> For(IEnumerable<PositionSnapshot> open, FeedStatus feed) =>
        For(open.Select(p => (p.RecorderId, p.Ticker)), feed);

    /// <summary>For a broker account's positions (no recorder: RecorderId 0).</summary>
    public static IReadOnlyList<DataModeWarning> ForSymbols(IEnumerable<string> symbols, FeedStatus feed) =>
        For(symbols.Distinct(StringComparer.OrdinalIgnoreCase).Select(s => (0L, s)), feed);

    private static IReadOnlyList<DataModeWarning> For(IEnumerable<(long RecorderId, string Symbol)> held, FeedStatus feed)
    {
        var bySymbol = feed.Symbols.ToDictionary(s => s.Symbol, StringComparer.OrdinalIgnoreCase);
        return held
            .Select(h => (Held: h, Feed: bySymbol.GetValueOrDefault(h.Symbol)))
            .Where(x => x.Feed is { DataMode: "delayed" or "stale" or "endofday" })
            .Select(x => new DataModeWarning(x.Held.RecorderId, x.Held.Symbol, x.Feed!.DataMode, x.Feed.DelaySeconds, Message(x.Held.Symbol, x.Feed)))
            .ToList();
    }

    private static string Message(string symbol, FeedSymbolStatus feed) => feed.DataMode switch
    {
        "delayed" => $"{symbol} prices are {(feed.DelaySeconds is { } s ? $"{s / 60.0:0.#} min" : "")} late, so TP/SL fire on old prices. " +
                     "Fix: set MarketData:TradingViewAuthToken to your TradingView session token (real-time where your plan has it), or use Interactive Brokers market data.",
        "stale" => $"{symbol} has had no price for {feed.LastTickAgeMs / 1000} s: TP/SL cannot fire. Check the feed connection.",
        _ => $"{symbol} has end-of-day prices only: TP/SL decisions wait for the next session.",
    };
}
