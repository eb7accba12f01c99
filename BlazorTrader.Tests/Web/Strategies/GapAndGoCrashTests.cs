using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Tests.Web.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>
/// The process dies in the middle of a scan, after the broker took the entry and before the engine heard back (the
/// host is stopped while the placement never returns and the fill report is lost); a new app starts on the same data.
/// </summary>
public sealed class GapAndGoCrashTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bt-gapgo-").FullName;

    [Fact]
    public async Task KilledMidScan_ThenRestarted_NeverBuysASymbolTwice_KeepsTheBars_AndPlacesTheMissingBracket()
    {
        // Arrange: the first run scans; the broker fills GAPR; the engine never learns it
        long account, id;
        JsonElement first;
        await using (var app = new ExecutionAppFactory(_data, start: GapAndGoTape.ScanAt, decorator: new DiesAfterTheBrokerTookIt()))
        {
            account = await app.PaperAccountIdAsync();
            id = await GapAndGoTape.CreateStrategyAsync(app, account);
            await GapAndGoTape.PlayAsync(app, GapAndGoTape.Ticks());
            // the bars reach the database on the engine's heartbeat
            await ExecutionAppFactory.EventuallyAsync(async () =>
            {
                app.Time.Advance(TimeSpan.FromMilliseconds(250));
                return await app.DbAsync(db => db.MarketBars.CountAsync()) == 3 * 17;
            }, "the bars kept");
            first = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");
            await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.PaperOrders.AnyAsync(o => o.Symbol == "GAPR" && o.Status == PaperOrderStatus.Filled)), "the broker's fill");
        }
        SqliteConnection.ClearAllPools();

        // Act: back 20 s later; the same scan again, twice
        await using var second = new ExecutionAppFactory(_data, start: GapAndGoTape.ScanAt.AddSeconds(20));
        await second.ReadyAsync();
        // the feed quotes again (a paper limit without a quote would fill at its limit at once): the last trade, repeated without size
        await GapAndGoTape.PlayAsync(second, [Tick.At1("GAPR", 10.60m, GapAndGoTape.Open.AddSeconds(30 * 15 + 15), DataMode.Replay)]);
        var again = await GapAndGoTape.PostAsync(second, $"/api/strategies/{id}/scan");
        var third = await GapAndGoTape.PostAsync(second, $"/api/strategies/{id}/scan");

        // Assert: one buy at the broker, the book agrees, the restarted scan saw the same bars and numbers
        Assert.Equal("entered", GapAndGoTape.Item(first, "GAPR").GetProperty("action").GetString());
        Assert.Equal("open position", GapAndGoTape.Item(again, "GAPR").GetProperty("reason").GetString());
        Assert.Equal("open position", GapAndGoTape.Item(third, "GAPR").GetProperty("reason").GetString());
        foreach (var symbol in GapAndGoTape.Universe)
            foreach (var field in new[] { "previousClose", "rsi", "atrPercent", "vwap", "bars" })
                Assert.Equal(GapAndGoTape.Item(first, symbol).GetProperty(field).GetDecimal(), GapAndGoTape.Item(again, symbol).GetProperty(field).GetDecimal());
        Assert.Equal(1, await second.DbAsync(db => db.PaperOrders.CountAsync(o => o.Action == OrderAction.Buy)));
        Assert.Equal(589, (await second.BrokerPositionsAsync(account))["GAPR"]);
        Assert.Equal(await second.BrokerPositionsAsync(account), await second.BookAsync(account));

        // The fill was learned by reconciliation, without a bracket: the scan found it missing and placed it
        await ExecutionAppFactory.EventuallyAsync(async () => await second.DbAsync(db => db.PaperOrders.CountAsync(o => o.Status == PaperOrderStatus.Working)) == 2, "the bracket");
        var key = $"gap:{id}:2026-11-19:GAPR:1";
        Assert.Equal(2, await second.DbAsync(db => db.OrderIntents.CountAsync(i => i.IdempotencyKey == key + ":tp" || i.IdempotencyKey == key + ":sl")));
        Assert.Equal(OrderIntentStatus.Filled, (await second.DbAsync(db => db.OrderIntents.SingleAsync(i => i.IdempotencyKey == key))).Status);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    /// <summary>The placement reaches the broker, then the process is gone: no answer, no fill report.</summary>
    private sealed class DiesAfterTheBrokerTookIt : IBrokerDecorator
    {
        public IBroker Decorate(IBroker broker) => new Dying(broker);

        private sealed class Dying(IBroker inner) : DelegatingBroker(inner)
        {
            public override async Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct)
            {
                await Inner.PlaceOrderAsync(request, ct);
                await Task.Delay(Timeout.Infinite, ct);
                throw new OperationCanceledException();
            }

            public override IDisposable Subscribe(Action<BrokerEvent> handler) => Inner.Subscribe(e =>
            {
                if (e is OrderStatusReported { Status: BrokerOrderStatus.Filled or BrokerOrderStatus.PartiallyFilled }) return;
                handler(e);
            });
        }
    }
}
