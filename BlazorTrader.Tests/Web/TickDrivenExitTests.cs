using System.Text.Json;
using BlazorTrader.Engine.MarketData;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

/// <summary>Ticks replayed into the running engine: TP/SL decisions, drawdown and MFE/MAE end up in the database.</summary>
public class TickDrivenExitTests
{
    private static readonly Dictionary<string, string?> FastFlush = new()
    {
        ["MarketData:FlushIntervalMs"] = "100",
        ["MarketData:PnlHistorySeconds"] = "1",
    };

    /// <summary>All at once: the engine may conflate them (that is the point of some tests).</summary>
    private static void Replay(AppFactory app, string symbol, params decimal[] prices)
    {
        var sink = app.Services.GetRequiredService<ITickSink>();
        foreach (var p in prices) sink.Publish(Tick.At1(symbol, p, DateTimeOffset.UtcNow));
    }

    /// <summary>One tick at a time: each is taken by the engine before the next arrives, so none conflate.</summary>
    private static async Task ReplayOneByOneAsync(AppFactory app, string symbol, params decimal[] prices)
    {
        var conflator = app.Services.GetRequiredService<TickConflator>();
        foreach (var p in prices)
        {
            conflator.Publish(Tick.At1(symbol, p, DateTimeOffset.UtcNow));
            await Eventually.ReturnsAsync(() => Task.FromResult(conflator.Backlog), b => b == 0, "the engine to take the tick");
        }
    }

    private static async Task<JsonElement> ClosedTradesAsync(HttpClient client, long id, int expected) =>
        await Eventually.ReturnsAsync(() => client.GetJsonAsync($"/api/recorders/{id}/trades"),
            j => j.GetProperty("items").EnumerateArray().Count(t => t.GetProperty("status").GetString() == "closed") >= expected,
            $"{expected} closed trade(s)");

    [Fact]
    public async Task TwoTargetsWithTrims_ThenAJumpOverTheSecond_BothCloseAtTheirLevels_WithHandCheckedPnl()
    {
        // Arrange: MNQ TP 10 / 20 ticks (50/50), SL 8 ticks; long 2 @ 21500 -> TP1 21502.50, TP2 21505, SL 21498
        using var app = new ConfiguredAppFactory(FastFlush);
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":2}""");

        // Act: dip 1 point, touch TP1, repeat it, then jump over TP2 to 21506 (a resting limit fills at 21505)
        await ReplayOneByOneAsync(app, "MNQ1!", 21499m, 21502.5m, 21502.5m, 21502.5m, 21506m);
        var trades = await ClosedTradesAsync(client, id, 1);

        // Assert
        var trade = trades.GetProperty("items")[0];
        Assert.Equal(15m, trade.GetProperty("realizedPnl").GetDecimal());           // 2.5 x $2 x 1 + 5 x $2 x 1
        Assert.Equal(21503.75m, trade.GetProperty("exitPrice").GetDecimal());       // (21502.5 + 21505) / 2
        Assert.Equal(24m, trade.GetProperty("mfe").GetDecimal());                   // 6 points x $2 x 2
        Assert.Equal(-4m, trade.GetProperty("mae").GetDecimal());                   // -1 point x $2 x 2
        var reason = trade.GetProperty("exitReason").GetString()!;
        Assert.Contains("take profit 1 21502.5", reason);
        Assert.Contains("take profit 2 21505", reason);
        Assert.Equal([1m, 1m], trade.GetProperty("tpTargets").EnumerateArray().Select(t => t.GetProperty("filledQuantity").GetDecimal()));
        var position = (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("items")[0];
        Assert.Equal("closed", position.GetProperty("status").GetString());
        Assert.Equal(15m, position.GetProperty("realizedPnl").GetDecimal());
        Assert.Equal(-4m, position.GetProperty("worstUnrealizedPnl").GetDecimal());
        Assert.Equal(12m, position.GetProperty("bestUnrealizedPnl").GetDecimal()); // 1 lot left after TP1: 6 x $2
    }

    [Fact]
    public async Task StopLoss_OnAShort_FiresOnce_EvenWhenThePriceRepeats()
    {
        using var app = new ConfiguredAppFactory(FastFlush);
        var (id, path) = await app.CreateRecorderAsync(new
        {
            name = "ES short", tpUnits = "Points", tpTargets = new[] { new { value = 10, trim = 100 } }, slEnabled = true, slAmount = 4, slUnits = "Points",
        });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"sell","ticker":"ES1!","price":6000}""");

        await ReplayOneByOneAsync(app, "ES1!", 6002m, 6004m, 6004m, 6004m, 6003m);
        var trade = (await ClosedTradesAsync(client, id, 1)).GetProperty("items")[0];

        Assert.Equal(-200m, trade.GetProperty("realizedPnl").GetDecimal());   // 4 points x $50
        Assert.Equal(6004m, trade.GetProperty("exitPrice").GetDecimal());
        Assert.StartsWith("stop loss 6004", trade.GetProperty("exitReason").GetString());
        var signals = await client.GetJsonAsync($"/api/recorders/{id}/trades");
        Assert.Equal(1, signals.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BurstOfTicks_NeverSkipsTheTouchOfTheStop()
    {
        using var app = new ConfiguredAppFactory(FastFlush);
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");

        // SL 21498 is touched once inside a burst whose last price is back above it; conflated or not, it fires at the level.
        Replay(app, "MNQ1!", [.. Enumerable.Repeat(21501m, 200), 21497.75m, .. Enumerable.Repeat(21501m, 200)]);
        var trade = (await ClosedTradesAsync(client, id, 1)).GetProperty("items")[0];

        Assert.Equal(21498m, trade.GetProperty("exitPrice").GetDecimal());
        Assert.Equal(-4m, trade.GetProperty("realizedPnl").GetDecimal());
    }

    [Fact]
    public async Task OpenPosition_GetsLivePriceDrawdownAndHistory_FlushedInBatches()
    {
        using var app = new ConfiguredAppFactory(FastFlush);
        var (id, path) = await app.CreateRecorderAsync(new { name = "no exits" });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"CL1!","price":70.00,"quantity":2}""");

        await ReplayOneByOneAsync(app, "CL1!", 69.90m, 70.25m, 70.10m);
        var position = await Eventually.ReturnsAsync(
            async () => (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("items")[0],
            p => p.GetProperty("currentPrice").ValueKind == JsonValueKind.Number && p.GetProperty("currentPrice").GetDecimal() == 70.10m,
            "the flushed price");

        Assert.Equal(200m, position.GetProperty("unrealizedPnl").GetDecimal());        // 0.10 x 1000 x 2
        Assert.Equal(-200m, position.GetProperty("worstUnrealizedPnl").GetDecimal());  // -0.10 x 1000 x 2
        Assert.Equal(500m, position.GetProperty("bestUnrealizedPnl").GetDecimal());    // 0.25 x 1000 x 2
        // A point is taken every second of wall time while the ticks arrive: the first may be at any of them, the
        // latest is at the last price, and none is at a price that was never there.
        var history = await Eventually.ReturnsAsync(() => client.GetJsonAsync($"/api/pnl/history?recorderId={id}"),
            h => h.GetProperty("items").GetArrayLength() > 0 && h.GetProperty("items")[h.GetProperty("items").GetArrayLength() - 1]
                .GetProperty("unrealizedPnl").GetDecimal() == 200m, "a P&L history point at the last price");
        Assert.All(history.GetProperty("items").EnumerateArray(),
            point => Assert.Contains(point.GetProperty("unrealizedPnl").GetDecimal(), new[] { 0m, -200m, 500m, 200m }));
    }
}
