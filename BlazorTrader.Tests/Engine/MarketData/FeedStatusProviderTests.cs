using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Supervision;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.MarketData;

public class FeedStatusProviderTests
{
    private static (FeedStatusProvider Feed, PriceCache Prices, FakeTimeProvider Time) Create(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        var prices = new PriceCache();
        var conflator = new TickConflator();
        var feed = new FeedStatusProvider(prices, new MarketDataService(null, conflator), conflator, new ComponentHealth(),
            InstrumentCatalog.FromConfiguration(null), new TradingCalendar(), Options.Create(new MarketDataOptions { StaleAfterSeconds = 30 }), time);
        return (feed, prices, time);
    }

    [Fact]
    public void SilenceWhileTheMarketTrades_IsStale()
    {
        // Wednesday 2026-11-18 15:00 UTC = 10:00 ET: NYSE and CME are open
        var (feed, prices, time) = Create(new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero));
        prices.Set(Tick.At1("AAPL", 230m, time.GetUtcNow()));
        prices.Set(Tick.At1("ES1!", 6000m, time.GetUtcNow(), DataMode.Delayed, 600));

        var fresh = feed.Current().Symbols;
        time.Advance(TimeSpan.FromSeconds(31));
        var silent = feed.Current().Symbols;

        Assert.Equal(["realtime", "delayed"], fresh.OrderBy(s => s.Symbol).Select(s => s.DataMode));
        Assert.All(silent, s => Assert.Equal("stale", s.DataMode));
        Assert.All(silent, s => Assert.True(s.MarketOpen));
    }

    [Fact]
    public void SilenceOverTheWeekend_IsNotStale()
    {
        // Saturday 2026-11-21 15:00 UTC: everything is closed
        var (feed, prices, time) = Create(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero));
        prices.Set(Tick.At1("AAPL", 230m, time.GetUtcNow()));

        time.Advance(TimeSpan.FromHours(5));
        var aapl = Assert.Single(feed.Current().Symbols);

        Assert.Equal("realtime", aapl.DataMode);
        Assert.False(aapl.MarketOpen);
        Assert.Equal(5 * 3600 * 1000L, aapl.LastTickAgeMs);
    }

    [Fact]
    public void ThanksgivingAfternoon_EquityFuturesHalted_StocksClosed_NotStale()
    {
        // 2026-11-26 19:00 UTC = 14:00 ET: NYSE closed all day, CME equity halted at 13:00 ET
        var (feed, prices, time) = Create(new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.Zero));
        prices.Set(Tick.At1("ES1!", 6000m, time.GetUtcNow()));
        prices.Set(Tick.At1("AAPL", 230m, time.GetUtcNow()));

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.All(feed.Current().Symbols, s => Assert.NotEqual("stale", s.DataMode));
    }
}
