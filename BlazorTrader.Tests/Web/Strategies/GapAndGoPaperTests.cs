using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Tests.Web.Execution;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>The gap-and-go day trader end to end on the paper broker: the replayed tape, the scan table, the entry and its bracket.</summary>
public sealed class GapAndGoPaperTests
{
    [Fact]
    public async Task Scan_ShowsTheHandComputedIndicators_EntersOnlyTheGap_WithTheExactSharesAndBracket()
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: GapAndGoTape.ScanAt);
        var account = await app.PaperAccountIdAsync();
        var id = await GapAndGoTape.CreateStrategyAsync(app, account);
        await GapAndGoTape.PlayAsync(app, GapAndGoTape.Ticks());

        // Act
        var scan = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");

        // Assert: every number as computed by hand from the tape
        var gap = GapAndGoTape.Item(scan, "GAPR");
        Assert.Equal((10.60m, 10.00m, 6.00m, 49.93m, 0.35m, 10.5870m, 16), Numbers(gap));
        Assert.Equal((true, "gap 6.00 % >= 5", "entered"), Verdict(gap));
        var strong = GapAndGoTape.Item(scan, "STRG");
        Assert.Equal((20.80m, 20.00m, 4.00m, 87.34m, 0.31m, 20.4070m, 16), Numbers(strong));
        Assert.Equal((false, "rsi 87.3 >= 60", "none"), Verdict(strong));
        var flat = GapAndGoTape.Item(scan, "FLAT");
        Assert.Equal((5.00m, 5.00m, 0.00m, 46.43m, 0.20m, 5.0053m, 16), Numbers(flat));
        Assert.Equal((false, "gap 0.00 % < 5; price 5 <= vwap 5.0053", "none"), Verdict(flat));

        // 25 % of 100,000 = 25,000; / 4 positions = 6,250; / 10.60 = 589 shares. Bracket from the fill 10.60: 10.7908 -> 10.79, 10.5046 -> 10.50
        var key = $"gap:{id}:2026-11-19:GAPR:1";
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).GetValueOrDefault("GAPR") == 589, "the entry fill");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Status == PaperOrderStatus.Working)) == 2, "the bracket at the broker");
        var resting = await app.DbAsync(db => db.PaperOrders.AsNoTracking().Where(o => o.Status == PaperOrderStatus.Working).OrderBy(o => o.ClientOrderRef).ToListAsync());
        Assert.Equal([(key + ":sl", OrderType.Stop, (decimal?)null, (decimal?)10.50m, 589m, key), (key + ":tp", OrderType.Limit, 10.79m, null, 589m, key)],
            resting.Select(o => (o.ClientOrderRef, o.Type, o.LimitPrice, o.StopPrice, o.Quantity, o.OcoGroup!)).ToList());
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Action == OrderAction.Buy)));
    }

    [Fact]
    public async Task SecondScan_BuysNothingMore_AndAfterAStopOut_TheSymbolIsClosedToday()
    {
        // Arrange: the first scan bought GAPR and its bracket rests
        await using var app = new ExecutionAppFactory(start: GapAndGoTape.ScanAt);
        var account = await app.PaperAccountIdAsync();
        var id = await GapAndGoTape.CreateStrategyAsync(app, account);
        await GapAndGoTape.PlayAsync(app, GapAndGoTape.Ticks());
        await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Status == PaperOrderStatus.Working)) == 2, "the bracket");

        // Act 1: scan again
        var second = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");

        // Assert 1
        Assert.Equal((false, "open position", "none"), Verdict(GapAndGoTape.Item(second, "GAPR")));
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Action == OrderAction.Buy)));

        // Act 2: GAPR trades at the stop (10.50); the paper venue looks at resting orders every 250 ms; then a scan
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await GapAndGoTape.PlayAsync(app, [Tick.At1("GAPR", 10.50m, app.Time.GetUtcNow(), DataMode.Replay, volume: 300)]);
        await ExecutionAppFactory.EventuallyAsync(async () =>
        {
            app.Time.Advance(TimeSpan.FromMilliseconds(250));
            return !(await app.BrokerPositionsAsync(account)).ContainsKey("GAPR");
        }, "the stop-out");
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the book flat");
        var afterStop = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");

        // Assert 2: the stop filled at 10.50 (589 x -0.10 = -58.90), the take-profit was cancelled by the OCA group, no re-entry
        Assert.Equal((false, "closed today", "none"), Verdict(GapAndGoTape.Item(afterStop, "GAPR")));
        var stop = await app.DbAsync(db => db.OrderIntents.SingleAsync(i => i.IdempotencyKey == $"gap:{id}:2026-11-19:GAPR:1:sl"));
        Assert.Equal((OrderIntentStatus.Filled, 10.50m, -58.90m), (stop.Status, stop.AvgFillPrice!.Value, stop.RealizedPnl));
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i =>
            i.IdempotencyKey == $"gap:{id}:2026-11-19:GAPR:1:tp" && i.Status == OrderIntentStatus.Cancelled)), "the take-profit cancelled");
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Action == OrderAction.Buy)));
        var latest = await GetAsync(app, $"/api/strategies/{id}/scan");
        Assert.Equal("closed today", GapAndGoTape.Item(latest, "GAPR").GetProperty("reason").GetString());
    }

    static (decimal, decimal, decimal, decimal, decimal, decimal, int) Numbers(JsonElement i) => (i.GetProperty("price").GetDecimal(),
        i.GetProperty("previousClose").GetDecimal(), i.GetProperty("gapPercent").GetDecimal(), i.GetProperty("rsi").GetDecimal(),
        i.GetProperty("atrPercent").GetDecimal(), i.GetProperty("vwap").GetDecimal(), i.GetProperty("bars").GetInt32());

    static (bool, string?, string?) Verdict(JsonElement i) =>
        (i.GetProperty("eligible").GetBoolean(), i.GetProperty("reason").GetString(), i.GetProperty("action").GetString());

    static async Task<JsonElement> GetAsync(ExecutionAppFactory app, string path)
    {
        using var client = app.ApiClient();
        return await client.GetJsonAsync(path);
    }
}
