using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Supervision;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.MarketData;

public sealed record FeedSymbolStatus(string Symbol, string DataMode, int? DelaySeconds, long LastTickAgeMs, decimal LastPrice, bool MarketOpen = true);

public sealed record FeedStatus(string Source, bool Connected, long TicksPublished, long TicksConflated, IReadOnlyList<FeedSymbolStatus> Symbols, string? LastError);

/// <summary>The feed as readers see it; an interface so UI components can be tested with a fixed status.</summary>
public interface IFeedStatus
{
    FeedStatus Current();
}

/// <summary>What /status, /health and the UI show about the feed: per symbol, how old and how live the last price is.</summary>
public sealed class FeedStatusProvider(PriceCache prices, MarketDataService service, TickConflator conflator, ComponentHealth health,
    InstrumentCatalog instruments, TradingCalendar calendar, IOptions<MarketDataOptions> options, TimeProvider time) : IFeedStatus
{
    public FeedStatus Current()
    {
        var now = time.GetUtcNow();
        var staleAfter = TimeSpan.FromSeconds(options.Value.StaleAfterSeconds);
        var symbols = prices.Snapshot()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv =>
            {
                var age = now - kv.Value.At;
                // Silence is only suspicious while the market trades; over a weekend the last price just stands.
                var open = calendar.IsMarketOpen(now, instruments.SpecFor(kv.Key).Market);
                var mode = age > staleAfter && (open || !options.Value.StaleOnlyWhileMarketOpen) ? DataMode.Stale : kv.Value.Mode;
                return new FeedSymbolStatus(kv.Key, mode.ToString().ToLowerInvariant(),
                    kv.Value.Mode == DataMode.Delayed ? kv.Value.DelaySeconds : null, (long)age.TotalMilliseconds, kv.Value.Price, open);
            })
            .ToList();
        return new FeedStatus(service.Source?.Name ?? "None", service.Source?.Connected ?? false, conflator.Published, conflator.Conflated,
            symbols, service.Source?.Problem ?? health.Get(service.Name)?.LastError);
    }
}
