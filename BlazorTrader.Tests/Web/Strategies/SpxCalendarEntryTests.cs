using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Engine.Strategies.Options;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using BlazorTrader.Tests.Web.Execution;
using BlazorTrader.Tests.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using static BlazorTrader.Tests.Web.Strategies.SpxCalendarApp;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>Issue 16: the calendar's entry on the paper account with a fake clock (the real app, the engine's own rules).</summary>
[Collection(HangfireTestJobs.Collection)]
public sealed class SpxCalendarEntryTests
{
    private static readonly DateOnly ShortExpiry = new(2026, 12, 11);   // Friday 11-20 + 21 days
    private static readonly DateOnly LongExpiry = new(2026, 12, 18);    // + 28 days

    /// <summary>
    /// Short expiry: puts -0.12 / -0.18 / -0.22 / -0.30 (0.18 and 0.22 tie around 0.20: the lower strike wins), calls
    /// 0.26 / 0.21 / 0.17 / 0.12 (0.21 is closest). Combo mid = 14.20 + 12.10 - 10.20 - 8.20 = 7.90.
    /// </summary>
    private static KnownChainDecorator KnownChain() => new(6000m,
    [
        KnownChainDecorator.Quote(OptionRight.Put, ShortExpiry, 5700, 6.00m, 6.40m, -0.12),
        KnownChainDecorator.Quote(OptionRight.Put, ShortExpiry, 5750, 10.00m, 10.40m, -0.18),
        KnownChainDecorator.Quote(OptionRight.Put, ShortExpiry, 5800, 12.00m, 12.40m, -0.22),
        KnownChainDecorator.Quote(OptionRight.Put, ShortExpiry, 5850, 16.00m, 16.40m, -0.30),
        KnownChainDecorator.Quote(OptionRight.Call, ShortExpiry, 6150, 12.00m, 12.40m, 0.26),
        KnownChainDecorator.Quote(OptionRight.Call, ShortExpiry, 6200, 8.00m, 8.40m, 0.21),
        KnownChainDecorator.Quote(OptionRight.Call, ShortExpiry, 6250, 6.00m, 6.40m, 0.17),
        KnownChainDecorator.Quote(OptionRight.Call, ShortExpiry, 6300, 4.00m, 4.40m, 0.12),
        KnownChainDecorator.Quote(OptionRight.Put, LongExpiry, 5750, 14.00m, 14.40m, -0.21),
        KnownChainDecorator.Quote(OptionRight.Call, LongExpiry, 6200, 11.90m, 12.30m, 0.23),
    ]);

    [Fact]
    public async Task KnownChain_ChoosesStrikesAndExpiriesByTheRules_WalksTheLadder_ThenCancelsNotFilled()
    {
        // Arrange: no SPX price in the cache, so the paper model cannot price (or fill) the combo: it rests until cancelled
        var chain = KnownChain();
        await using var app = new ExecutionAppFactory(start: FridayEntry, decorator: chain);
        var (_, id) = await app.CreateCalendarAsync();

        // Act: enter, then let every attempt's 15 seconds pass
        var entry = await app.PostJsonAsync($"/api/strategies/{id}/enter");
        var key = $"spxcal:{id}:2026-11-20:entry";
        await app.WorkingAtBrokerAsync(key);
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await app.AdvanceAsync(TimeSpan.FromSeconds(15));
            await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(chain.Combos(key).Count == attempt), $"attempt {attempt}");
        }
        await app.AdvanceAsync(TimeSpan.FromSeconds(15));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("status").GetString() == "notFilled", "not filled");

        // Assert: strikes, expiries, legs as the rules say
        Assert.Equal("accepted", entry.GetProperty("status").GetString());
        var trade = (await app.TradesAsync(id))[0];
        Assert.Equal((5750m, 6200m), (trade.GetProperty("putStrike").GetDecimal(), trade.GetProperty("callStrike").GetDecimal()));
        Assert.Equal(("2026-12-11", "2026-12-18"), (trade.GetProperty("shortExpiry").GetString(), trade.GetProperty("longExpiry").GetString()));
        Assert.Equal(6000m, trade.GetProperty("spx").GetDecimal());
        Assert.Equal(4, trade.GetProperty("quantity").GetInt32());
        var legs = trade.GetProperty("legs").EnumerateArray().Select(l => (l.GetProperty("ticker").GetString(), l.GetProperty("action").GetString(), l.GetProperty("conId").GetInt64())).ToList();
        Assert.Equal(
        [
            ("SPXW261211P05750000", "sell", 705750L), ("SPXW261211C06200000", "sell", 756200L),
            ("SPXW261218P05750000", "buy", 705750L), ("SPXW261218C06200000", "buy", 756200L),
        ], legs);
        // The ladder's exact prices: mid 7.90 rounded to 0.05, + 0.05 per attempt (paper cannot modify: cancel and replace)
        var sent = chain.Combos(key);
        Assert.Equal([7.90m, 7.95m, 8.00m, 8.05m, 8.10m], sent.Select(r => r.LimitPrice!.Value));
        Assert.All(sent, r => Assert.Equal((OrderAction.Buy, 4m, OrderType.Limit), (r.Action, r.Quantity, r.Type)));
        Assert.Equal([key, key + ":r1", key + ":r2", key + ":r3", key + ":r4"], sent.Select(r => r.ClientOrderRef));
        Assert.Equal(["SPXW261211P05750000 Sell", "SPXW261211C06200000 Sell", "SPXW261218P05750000 Buy", "SPXW261218C06200000 Buy"],
            sent[0].Legs!.Select(l => $"{l.Symbol} {l.Action}"));
        // After the last attempt: cancelled and reported "not filled"; nothing works at the broker
        Assert.Contains("not filled after 5 attempts", trade.GetProperty("lastProblem").GetString());
        var intents = await app.DbAsync(db => db.OrderIntents.AsNoTracking().Where(i => i.IdempotencyKey.StartsWith(key)).ToListAsync());
        Assert.Equal(5, intents.Count);
        Assert.All(intents, i => Assert.Equal(OrderIntentStatus.Cancelled, i.Status));
        Assert.Equal(0, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Status == PaperOrderStatus.Working)));

        // An unfilled day may be retried by hand: a new trade, under the day's second key
        var retry = await app.PostJsonAsync($"/api/strategies/{id}/enter");
        Assert.Equal("accepted", retry.GetProperty("status").GetString());
        Assert.NotEqual(entry.GetProperty("tradeId").GetInt64(), retry.GetProperty("tradeId").GetInt64());
        Assert.Equal(key + ":2", (await app.DbAsync(db => db.SpxCalendarTrades.OrderBy(t => t.Id).LastAsync())).EntryKey);
    }

    [Fact]
    public async Task TheJobAndTenConcurrentEnterCalls_MakeExactlyOneTrade_ThenTheFillPlacesOneGtcTargetAtTheRoundedPrice()
    {
        // Arrange: the paper model prices the chain from SPX 6000
        var broker = new RecordingDecorator();
        await using var app = new ExecutionAppFactory(start: FridayEntry, decorator: broker);
        var (_, id) = await app.CreateCalendarAsync();
        app.SetPrice("SPX", 6000m);

        // Act: the 09:45 job and 10 "enter now" calls at once
        var job = app.RunAsync(SpxCalendarKindJobs.EntryJob(id));
        var calls = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.PostJsonAsync($"/api/strategies/{id}/enter")));
        Assert.Equal("Succeeded", await job);

        // Assert: one trade, one entry order
        var tradeIds = calls.Select(c => c.GetProperty("tradeId").GetInt64()).Distinct().ToList();
        Assert.Single(tradeIds);
        Assert.True(calls.Count(c => c.GetProperty("status").GetString() == "accepted") <= 1);
        Assert.All(calls, c => Assert.Contains(c.GetProperty("status").GetString(), new[] { "accepted", "duplicate" }));
        Assert.Equal(1, await app.DbAsync(db => db.SpxCalendarTrades.CountAsync()));
        var key = $"spxcal:{id}:2026-11-20:entry";
        Assert.Equal(1, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.IdempotencyKey.StartsWith("spxcal:"))));
        Assert.Single(broker.Combos(key));

        // Act: the first attempt (at the model's mid) fills after the paper wait at mid (10 s)
        await app.WorkingAtBrokerAsync(key);
        await app.AdvanceAsync(TimeSpan.FromSeconds(11));
        var tradeId = tradeIds[0];
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("target").GetProperty("status").GetString() == "working", "the target resting");

        // Assert: the debit, and the GTC on the closing combo at debit x 1.5 rounded once to 0.05
        var trade = await app.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        Assert.Equal(SpxCalendarTradeStatus.Open, trade.Status);
        Assert.Equal(broker.Combos(key)[0].LimitPrice, trade.Debit);
        var expectedTarget = Math.Round(trade.Debit!.Value * 1.5m / 0.05m, MidpointRounding.AwayFromZero) * 0.05m;
        Assert.Equal(expectedTarget, trade.TargetPrice);
        var target = Assert.Single(broker.Combos($"spxcal:{id}:trade:{tradeId}:target"));
        Assert.Equal((OrderAction.Sell, 4m, OrderType.Limit, expectedTarget, TimeInForce.Gtc), (target.Action, target.Quantity, target.Type, target.LimitPrice!.Value, target.TimeInForce));
        Assert.Equal(trade.Legs.Select(l => l.Ticker), target.Legs!.Select(l => l.Symbol));
        // The account holds the 4 legs: -4 short, +4 long
        var positions = await app.BrokerPositionsAsync(trade.AccountId);
        Assert.Equal([-4m, -4m, 4m, 4m], trade.Legs.Select(l => positions[l.Ticker]));
        Assert.Equal(positions, await app.BookAsync(trade.AccountId));
        // A filled day may not be entered again
        var again = await app.PostJsonAsync($"/api/strategies/{id}/enter");
        Assert.Equal(("duplicate", tradeId), (again.GetProperty("status").GetString(), again.GetProperty("tradeId").GetInt64()));
    }

    [Theory]
    [InlineData("2026-11-26T14:45:00Z", "not a trading day")]   // Thanksgiving
    [InlineData("2026-11-21T14:45:00Z", "not a trading day")]   // Saturday
    [InlineData("2026-11-20T22:00:00Z", "market is closed")]    // Friday 17:00 ET
    public async Task Enter_WhenTheExchangeIsClosed_IsBlocked(string nowUtc, string reason)
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: DateTimeOffset.Parse(nowUtc, System.Globalization.CultureInfo.InvariantCulture));
        var (_, id) = await app.CreateCalendarAsync();
        app.SetPrice("SPX", 6000m);

        // Act
        var entry = await app.PostJsonAsync($"/api/strategies/{id}/enter");

        // Assert
        Assert.Equal("blocked", entry.GetProperty("status").GetString());
        Assert.Contains(reason, entry.GetProperty("reason").GetString());
        Assert.Equal(0, await app.DbAsync(db => db.SpxCalendarTrades.CountAsync()));
        Assert.Equal(0, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Fact]
    public async Task Enter_AtMaxOpen_IsBlocked()
    {
        // Arrange: one calendar open (imported), maxOpen 1
        await using var app = new ExecutionAppFactory(start: FridayEntry);
        var (_, id) = await app.CreateCalendarAsync(new { maxOpen = 1 });
        app.SetPrice("SPX", 6000m);
        await app.PostJsonAsync($"/api/strategies/{id}/import", new
        {
            entryDate = "2026-11-19", shortExpiry = "2026-12-10", longExpiry = "2026-12-17", putStrike = 5750, callStrike = 6200, quantity = 4, debit = 40.00,
        });

        // Act
        var entry = await app.PostJsonAsync($"/api/strategies/{id}/enter");

        // Assert
        Assert.Equal("blocked", entry.GetProperty("status").GetString());
        Assert.Contains("max open calendars reached (1 of 1)", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PaperIgnoreMarketHours_LetsAPaperAccountEnterOutsideTheSession()
    {
        // Arrange: Friday 17:00 ET
        await using var app = new ExecutionAppFactory(start: new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["Paper:IgnoreMarketHours"] = "true" });
        var (_, id) = await app.CreateCalendarAsync();
        app.SetPrice("SPX", 6000m);

        // Act
        var entry = await app.PostJsonAsync($"/api/strategies/{id}/enter");

        // Assert
        Assert.Equal("accepted", entry.GetProperty("status").GetString());
        Assert.Single(entry.GetProperty("intentIds").EnumerateArray());
    }
}
