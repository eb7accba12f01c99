namespace BlazorTrader.Engine.MarketData;

public sealed record FeedSymbolStatus(string Symbol, string DataMode, int? DelaySeconds, long LastTickAgeMs, decimal LastPrice);

public sealed record FeedStatus(string Source, bool Connected, IReadOnlyList<FeedSymbolStatus> Symbols);

/// <summary>What /status and the UI show about the feed: per symbol, how old and how live the last price is.</summary>
public sealed class FeedStatusProvider(PriceCache prices, TimeProvider time)
{
    public string Source { get; set; } = "None";
    public bool Connected { get; set; }

    public FeedStatus Current()
    {
        var now = time.GetUtcNow();
        var symbols = prices.Snapshot()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new FeedSymbolStatus(kv.Key, "realtime", null, (long)(now - kv.Value.At).TotalMilliseconds, kv.Value.Price))
            .ToList();
        return new FeedStatus(Source, Connected, symbols);
    }
}
