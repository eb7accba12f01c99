using System.Globalization;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Protection;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>
/// Issue 15 "done when", protection that rests at the broker: the real app copies a recorder (MNQ, TP 10/20 ticks 50/50,
/// SL 8 ticks) to an IB account on a fake TWS that keeps STP/LMT GTC orders, cancels an OCA group on a fill, modifies by
/// order id (or refuses with 10326) and fills while the client is away. Long 2 @ 21500: SL 21498, TP1 21502.50, TP2 21505.
/// </summary>
public partial class ProtectionAtBrokerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private static object Recorder(long accountId, bool trailing = false) => new
    {
        name = "protected", initialPositionSize = 2, addPositionSize = 1, tpUnits = "Ticks",
        tpTargets = new[] { new { value = 10, trim = 50 }, new { value = 20, trim = 50 } },
        slEnabled = true, slAmount = 8, slUnits = "Ticks",
        trailingEnabled = trailing, trailingTrigger = trailing ? 6 : 0, trailingDistance = trailing ? 4 : 0,
        accounts = new[] { new { accountId, multiplier = 1m } },
    };

    private sealed class Protected(IbApp ib, long recorderId, string path) : IAsyncDisposable
    {
        public IbApp Ib { get; } = ib;
        public long RecorderId { get; } = recorderId;

        public async Task SignalAsync(string json)
        {
            using var client = Ib.App.ApiClient();
            await client.PostWebhookAsync(path, json);
        }

        public async Task TickAsync(decimal price)
        {
            var conflator = Ib.App.Services.GetRequiredService<TickConflator>();
            conflator.Publish(Tick.At1("MNQ1!", price, DateTimeOffset.UtcNow));
            await Eventually.ReturnsAsync(() => Task.FromResult(conflator.Backlog), b => b == 0, "the engine to take the tick");
        }

        /// <summary>The fake's working protective orders, stop first.</summary>
        public IReadOnlyList<FakeOrder> Resting() =>
            [.. Ib.Fake.WorkingOrders().Where(o => o.OrderRef.StartsWith(ProtectionPlan.RefPrefix, StringComparison.Ordinal)).OrderBy(o => o.OrderType == "STP" ? 0 : 1).ThenBy(o => o.LimitPrice)];

        public async Task RestingAsync(string what, Func<IReadOnlyList<FakeOrder>, bool> condition)
        {
            try { await Ib.EventuallyAsync(() => Task.FromResult(condition(Resting())), what, Step); }
            catch (Exception)
            {
                var intents = await Ib.IntentsAsync();
                var audit = await Ib.App.DbAsync(db => db.AuditLog.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Category + ": " + a.Message).ToListAsync());
                Assert.Fail($"{what}: resting {string.Join("; ", Resting().Select(o => $"{o.OrderId} {o.OrderRef} {o.OrderType} {o.Quantity} {o.LimitPrice}/{o.AuxPrice}"))}\n" +
                    $"now {Ib.App.Time.GetUtcNow():O} intents: {string.Join("\n", intents.Select(i => $"{i.Id} {i.IdempotencyKey} {i.Source} {i.Action} {i.Quantity} {i.Type} {i.Status} filled {i.FilledQuantity} {i.Reason} {i.UpdatedAt:O}"))}\n" +
                    $"audit: {string.Join("\n", audit)}");
            }
        }

        public Task<decimal> AccountQuantityAsync() => Ib.App.DbAsync(async db =>
            await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == Ib.AccountId && p.Symbol == "MNQ1!").Select(p => p.Quantity).FirstOrDefaultAsync());

        public Task<long> PositionIdAsync() => Ib.App.DbAsync(db =>
            db.Positions.AsNoTracking().Where(p => p.RecorderId == RecorderId).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());

        public Task<List<OrderIntentEntity>> ProtectiveIntentsAsync() => Ib.App.DbAsync(db =>
            db.OrderIntents.AsNoTracking().Where(i => i.Source == ProtectionKeeper.Source).OrderBy(i => i.Id).ToListAsync());

        public int PlaceOrderCount => Ib.PlacedOrders.Count;

        public ValueTask DisposeAsync() => Ib.DisposeAsync();
    }

    private static async Task<Protected> StartAsync(bool trailing = false, Action<FakeTwsServer>? arrange = null, string? data = null)
    {
        var ib = await IbApp.StartAsync(data is null ? null : new Dictionary<string, string?> { ["BlazorTrader:DataDirectory"] = data }, arrange);
        var (id, path) = await ib.App.CreateRecorderAsync(Recorder(ib.AccountId, trailing));
        return new Protected(ib, id, path);
    }

    private static async Task<Protected> LongTwoProtectedAsync(bool trailing = false, Action<FakeTwsServer>? arrange = null, string? data = null)
    {
        var p = await StartAsync(trailing, arrange, data);
        await p.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await p.RestingAsync("stop and two targets at the broker", r => r.Count == 3);
        return p;
    }

    private static decimal D(string wire) => decimal.Parse(wire, CultureInfo.InvariantCulture);

    [Fact]
    public async Task EntryFill_PlacesOneGtcStopAndTwoTargets_InOneOcaGroup_AtTheRecordersLevels_RefsFromAccountPositionLevel()
    {
        // Arrange + Act: the entry (MKT BUY 2) fills at the fake
        await using var p = await LongTwoProtectedAsync();
        var positionId = await p.PositionIdAsync();

        // Assert: STP SELL 2 @ 21498, LMT SELL 1 @ 21502.50, LMT SELL 1 @ 21505, all GTC, one OCA group
        var resting = p.Resting();
        Assert.Equal(("STP", "SELL", 2m, 21498m), (resting[0].OrderType, resting[0].Action, resting[0].Quantity, D(resting[0].AuxPrice)));
        Assert.Equal(("LMT", "SELL", 1m, 21502.5m), (resting[1].OrderType, resting[1].Action, resting[1].Quantity, D(resting[1].LimitPrice)));
        Assert.Equal(("LMT", "SELL", 1m, 21505m), (resting[2].OrderType, resting[2].Action, resting[2].Quantity, D(resting[2].LimitPrice)));
        Assert.All(resting, o => Assert.Equal("GTC", o.Tif));
        Assert.Single(resting.Select(o => o.OcaGroup).Distinct());
        Assert.Equal($"bt-oca-{p.Ib.AccountId}-{positionId}-0", resting[0].OcaGroup);
        var prefix = $"bt:p:{p.Ib.AccountId}:{positionId}:0:";
        Assert.Equal([prefix + "sl", prefix + "tp1", prefix + "tp2"], resting.Select(o => o.OrderRef));
        Assert.Equal(4, p.PlaceOrderCount);   // the entry and the three protective orders, nothing twice
        Assert.Empty(p.Ib.Fake.Violations);
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => i.Status == OrderIntentStatus.Submitted), "the intents to be submitted");
        // The stop went first: never a moment with targets but no stop.
        Assert.Equal("STP", p.Ib.PlacedOrders[1][18]);
    }

    [Fact]
    public async Task StopAfterTheEntryFill_AndRestart_FindsTheSameSet_NothingPlacedAgain()
    {
        // Arrange: protected, then the app stops (the fake TWS keeps its orders)
        var data = Directory.CreateTempSubdirectory("bt-protect-").FullName;   // kept across the restart (an app deletes only its own)
        await using var p = await LongTwoProtectedAsync(data: data);
        var before = p.Resting().Select(o => (o.OrderId, o.OrderRef)).ToList();
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => i.Status == OrderIntentStatus.Submitted), "the intents to be submitted");
        await p.Ib.App.DisposeAsync();
        var placedBefore = p.PlaceOrderCount;

        // Act: a new app on the same data directory connects, reconciles and runs the protection check
        await using var second = new ExecutionAppFactory(data, start: ExecutionAppFactory.WednesdayEvening.AddMinutes(5), settings: IbSettings());
        await second.ReadyAsync();
        var engine = second.Services.GetRequiredService<ITradingEngine>();
        await ExecutionAppFactory.EventuallyAsync(async () =>
        {
            second.Time.Advance(Step);
            using var client = second.ApiClient();
            return (await client.GetJsonAsync($"/api/accounts/{p.Ib.AccountId}")).GetProperty("connection").GetString() == "connected";
        }, "the restarted app to connect");
        var check = await engine.SendAsync(new CheckProtection(), TimeSpan.FromSeconds(30));

        // Assert: the same three orders, found by reference; no PLACE_ORDER after the restart
        Assert.Equal(0, check.Placed);
        Assert.Equal(0, check.Cancelled);
        Assert.Equal(placedBefore, p.PlaceOrderCount);
        Assert.Equal(before, p.Resting().Select(o => (o.OrderId, o.OrderRef)).ToList());
        var intents = await second.DbAsync(db => db.OrderIntents.AsNoTracking().Where(i => i.Source == ProtectionKeeper.Source).ToListAsync());
        Assert.Equal(3, intents.Count);
        Assert.All(intents, i => Assert.Equal(OrderIntentStatus.Submitted, i.Status));
    }

    [Fact]
    public async Task TargetOneTrim_CancelsTheSet_SellsOne_ThenRestsStopAndTargetTwoForTheRest()
    {
        // Arrange
        await using var p = await LongTwoProtectedAsync();
        var positionId = await p.PositionIdAsync();

        // Act: the recorder's TP1 trims 1 of 2
        await p.TickAsync(21502.5m);
        var roundOne = $"bt:p:{p.Ib.AccountId}:{positionId}:1:";
        await p.RestingAsync("a new set for 1 contract", r => r.Count == 2 && r.All(o => o.OrderRef.StartsWith(roundOne, StringComparison.Ordinal)));

        // Assert: STP SELL 1 @ 21498 and LMT SELL 1 @ 21505 in a new OCA group; the account holds 1
        var resting = p.Resting();
        Assert.Equal(("STP", 1m, 21498m), (resting[0].OrderType, resting[0].Quantity, D(resting[0].AuxPrice)));
        Assert.Equal(("LMT", 1m, 21505m), (resting[1].OrderType, resting[1].Quantity, D(resting[1].LimitPrice)));
        Assert.All(resting, o => Assert.Equal($"bt-oca-{p.Ib.AccountId}-{positionId}-1", o.OcaGroup));
        Assert.Equal(1m, await p.AccountQuantityAsync());
        var old = (await p.ProtectiveIntentsAsync()).Where(i => i.IdempotencyKey.StartsWith($"bt:p:{p.Ib.AccountId}:{positionId}:0:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, old.Count);
        Assert.All(old, i => Assert.Equal(OrderIntentStatus.Cancelled, i.Status));
        // The trim's SELL went only after the resting orders were cancelled.
        var received = p.Ib.Fake.Received.ToList();
        var sell = received.FindIndex(r => r.MessageId == 3 && r.Fields[18] == "MKT" && r.Fields[16] == "SELL");
        Assert.True(received.Take(sell).Count(r => r.MessageId == 4) == 3, "three cancels before the trim's sell");
    }

    [Fact]
    public async Task Add_ResizesStopAndFirstTarget_ByTheSameOrderIds()
    {
        // Arrange
        await using var p = await LongTwoProtectedAsync();
        var ids = p.Resting().Select(o => o.OrderId).ToList();

        // Act: the recorder adds 1 at the same price (DCA): the account buys 1
        await p.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":1}""");
        // The modifies go one after the other (each after the broker answered the previous one): wait for the last.
        await p.RestingAsync("the stop resized to 3 and the first target to 2", r => r.Count == 3 && r[0].Quantity == 3 && r[1].Quantity == 2);

        // Assert: same order ids (modified, not replaced): STP 3, TP1 2 (1 + 1), TP2 1
        var resting = p.Resting();
        Assert.Equal(ids, resting.Select(o => o.OrderId));
        Assert.Equal([3m, 2m, 1m], resting.Select(o => o.Quantity));
        Assert.Equal(3m, await p.AccountQuantityAsync());
    }

    [Fact]
    public async Task BreakEven_MovesTheStopToEntry_ByTheSameOrderId()
    {
        // Arrange
        await using var p = await LongTwoProtectedAsync();
        var stopId = p.Resting()[0].OrderId;

        // Act
        await p.SignalAsync("""{"action":"breakeven","ticker":"MNQ1!"}""");
        await p.RestingAsync("the stop at the entry price", r => r.Count == 3 && D(r[0].AuxPrice) == 21500m);

        // Assert: modified in place (PLACE_ORDER again with the stop's id)
        Assert.Equal(stopId, p.Resting()[0].OrderId);
        Assert.Equal(2, p.Ib.PlacedOrders.Count(f => f[1] == stopId.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TrailingStep_MovesTheBrokersStopWithTheRecordersStop()
    {
        // Arrange: trailing starts 6 ticks in profit, 4 ticks behind the best price
        await using var p = await LongTwoProtectedAsync(trailing: true);
        var stopId = p.Resting()[0].OrderId;

        // Act: 21501.75 is 7 ticks up: the trailing stop goes to 21500.75
        await p.TickAsync(21501.75m);
        await p.RestingAsync("the stop trailed", r => r.Count > 0 && D(r[0].AuxPrice) > 21498m);

        // Assert
        var stop = p.Resting()[0];
        Assert.Equal((stopId, 21500.75m), (stop.OrderId, D(stop.AuxPrice)));
    }

    [Fact]
    public async Task Close_CancelsEveryProtectiveOrder_AndLeavesTheAccountFlat()
    {
        // Arrange
        await using var p = await LongTwoProtectedAsync();

        // Act
        await p.SignalAsync("""{"action":"close","ticker":"MNQ1!","price":21501}""");
        await p.Ib.EventuallyAsync(async () => p.Resting().Count == 0 && await p.AccountQuantityAsync() == 0, "flat with nothing resting", Step);

        // Assert: one SELL 2, the three protective intents cancelled, the broker flat
        Assert.Single(p.Ib.PlacedOrders, f => f[18] == "MKT" && f[16] == "SELL");
        Assert.All(await p.ProtectiveIntentsAsync(), i => Assert.Equal(OrderIntentStatus.Cancelled, i.Status));
        Assert.Equal(0m, p.Ib.Fake.Book.Positions["MNQ"].Position);
    }

    [Fact]
    public async Task EnginesStopExitRacesTheBrokersStop_StopFillsAsTheCancelArrives_ExitDropped_FlatOnce()
    {
        // Arrange: when the engine's cancel reaches IB, the stop has just filled (10148: cannot cancel)
        await using var p = await LongTwoProtectedAsync();
        var stop = p.Resting()[0];
        p.Ib.Fake.FillBeforeCancel(stop.OrderId, 21498m);

        // Act: the recorder's stop fires: its exit for the account waits while the resting orders are cancelled
        await p.TickAsync(21498m);
        await p.Ib.EventuallyAsync(async () => await p.AccountQuantityAsync() == 0
            && (await p.Ib.IntentsAsync()).All(i => !i.Status.IsOpen()), "every intent settled", Step);

        // Assert: flat once, at the broker's stop; the engine's exit was not sent
        Assert.Equal(0m, p.Ib.Fake.Book.Positions["MNQ"].Position);
        Assert.DoesNotContain(p.Ib.PlacedOrders, f => f[18] == "MKT" && f[16] == "SELL");
        var exit = (await p.Ib.IntentsAsync()).Single(i => i.Source == "exit");
        Assert.Equal(OrderIntentStatus.Cancelled, exit.Status);
        Assert.Contains("protective order closed the position first", exit.Reason);
        Assert.Empty(p.Resting());
        Assert.Equal(-9m, (await p.Ib.BookAsync("MNQ1!"))!.RealizedPnl);   // booked once: (21498 - 21500.25) x 2 x $2
    }

    [Fact]
    public async Task EnginesStopExitRacesTheBrokersStop_CancelWins_EngineSellsOnce_FlatOnce()
    {
        // Arrange
        await using var p = await LongTwoProtectedAsync();

        // Act: the recorder's stop fires; IB cancels the resting orders before anything fills there
        await p.TickAsync(21498m);
        await p.Ib.EventuallyAsync(async () => await p.AccountQuantityAsync() == 0
            && (await p.Ib.IntentsAsync()).All(i => !i.Status.IsOpen()), "every intent settled", Step);

        // Assert: one SELL 2 after the three cancels; nothing rests; the broker is flat, not short
        var received = p.Ib.Fake.Received.ToList();
        var sell = received.FindIndex(r => r.MessageId == 3 && r.Fields[18] == "MKT" && r.Fields[16] == "SELL");
        Assert.Equal(3, received.Take(sell).Count(r => r.MessageId == 4));
        Assert.Single(p.Ib.PlacedOrders, f => f[18] == "MKT" && f[16] == "SELL");
        Assert.Equal(0m, p.Ib.Fake.Book.Positions["MNQ"].Position);
        Assert.Empty(p.Resting());
    }

    [Fact]
    public async Task BrokersStopFillsFirst_TheRecordersLaterStopSendsNothing_FlatOnce()
    {
        // Arrange
        await using var p = await LongTwoProtectedAsync();
        var stop = p.Resting()[0];

        // Act: IB fills the stop (its OCA group cancels the targets), then the recorder's own stop fires
        await p.Ib.Fake.FillRestingAsync(stop.OrderId, 21498m);
        await p.Ib.EventuallyAsync(async () => await p.AccountQuantityAsync() == 0, "the stop fill booked", Step);
        await p.TickAsync(21498m);
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => !i.Status.IsOpen()), "protection settled", Step);

        // Assert: no second exit anywhere
        Assert.DoesNotContain(p.Ib.PlacedOrders, f => f[18] == "MKT" && f[16] == "SELL");
        Assert.Equal(0m, p.Ib.Fake.Book.Positions["MNQ"].Position);
        Assert.Equal([OrderIntentStatus.Filled, OrderIntentStatus.Cancelled, OrderIntentStatus.Cancelled], (await p.ProtectiveIntentsAsync()).Select(i => i.Status));
    }

    [Fact]
    public async Task StopFilledWhileTheAppIsDown_IsBookedOnceAfterRestart_AndNothingIsPlacedAgain()
    {
        // Arrange: protected, then the app stops
        var data = Directory.CreateTempSubdirectory("bt-protect-").FullName;   // kept across the restart (an app deletes only its own)
        await using var p = await LongTwoProtectedAsync(data: data);
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => i.Status == OrderIntentStatus.Submitted), "the intents to be submitted");
        var stop = p.Resting()[0];
        await p.Ib.App.DisposeAsync();
        var placedBefore = p.PlaceOrderCount;

        // Act: IB fills the stop while nobody listens (the OCA group cancels the targets); the app comes back
        p.Ib.Fake.FillRestingSilently(stop.OrderId, 21497.75m);
        await using var second = new ExecutionAppFactory(data, start: ExecutionAppFactory.WednesdayEvening.AddMinutes(5), settings: IbSettings());
        await second.ReadyAsync();
        await ExecutionAppFactory.EventuallyAsync(async () =>
        {
            second.Time.Advance(Step);
            var intents = await second.DbAsync(db => db.OrderIntents.AsNoTracking().Where(i => i.Source == ProtectionKeeper.Source).ToListAsync());
            return intents.All(i => !i.Status.IsOpen());
        }, "the protective intents to settle");

        // Assert: booked once (flat, realized (21497.75 - 21500.25) x 2 x $2 = -10), targets cancelled, nothing new placed
        var book = await second.DbAsync(db => db.AccountPositions.AsNoTracking().SingleAsync(a => a.AccountId == p.Ib.AccountId && a.Symbol == "MNQ1!"));
        Assert.Equal((0m, -10m), (book.Quantity, book.RealizedPnl));
        var all = await second.DbAsync(db => db.OrderIntents.AsNoTracking().Where(i => i.Source == ProtectionKeeper.Source).OrderBy(i => i.Id).ToListAsync());
        Assert.Equal([OrderIntentStatus.Filled, OrderIntentStatus.Cancelled, OrderIntentStatus.Cancelled], all.Select(i => i.Status));
        Assert.Equal(placedBefore, p.PlaceOrderCount);
    }

    [Fact]
    public async Task ProtectionCheck_PlacesAMissingStop_AndCancelsAnOrphan_EachAudited()
    {
        // Arrange: IB lost our stop (cancelled outside the app, unseen), and an order of a closed position still rests
        await using var p = await LongTwoProtectedAsync();
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => i.Status == OrderIntentStatus.Submitted), "the intents to be submitted");
        var stop = p.Resting()[0];
        int orphanId;
        lock (p.Ib.Fake.Book.Gate)
        {
            p.Ib.Fake.Book.Orders[stop.OrderId].Status = "Cancelled";
            orphanId = p.Ib.Fake.Book.NextOrderId++;
            p.Ib.Fake.Book.Orders[orphanId] = stop with { OrderId = orphanId, OrderRef = $"bt:p:{p.Ib.AccountId}:999:0:sl", OcaGroup = "bt-oca-old", PermId = 42, Status = "Submitted" };
        }
        p.Ib.App.Time.Advance(TimeSpan.FromMinutes(1));

        // Act
        var engine = p.Ib.App.Services.GetRequiredService<ITradingEngine>();
        var outcome = await engine.SendAsync(new CheckProtection(), TimeSpan.FromSeconds(30));
        await p.RestingAsync($"a new stop and the orphan gone ({outcome})", r => r.Count == 3 && r[0].OrderId != stop.OrderId && r.All(o => o.OrderId != orphanId));

        // Assert
        Assert.True((1, 1) == (outcome.Placed, outcome.Cancelled), outcome.ToString());
        var newStop = p.Resting()[0];
        Assert.Equal(("STP", 2m, 21498m, stop.OrderRef + ":1", stop.OcaGroup), (newStop.OrderType, newStop.Quantity, D(newStop.AuxPrice), newStop.OrderRef, newStop.OcaGroup));
        var audit = await p.Ib.App.DbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Category == ProtectionKeeper.AuditCategory).Select(a => a.Message).ToListAsync());
        Assert.Contains(audit, m => m.Contains("missing at the broker", StringComparison.Ordinal));
        Assert.Contains(audit, m => m.Contains("without a position it protects", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModifyRefusedWith10326_ReplacesTheStop_NewStopPlacedBeforeTheOldIsCancelled()
    {
        // Arrange: this TWS refuses to revise orders of an OCA group
        await using var p = await LongTwoProtectedAsync(arrange: f => f.RefuseOcaModify = true);
        var oldStop = p.Resting()[0];

        // Act: break-even moves the stop
        await p.SignalAsync("""{"action":"breakeven","ticker":"MNQ1!"}""");
        await p.RestingAsync("a new stop at the entry", r => r.Count(o => o.OrderType == "STP") == 1 && D(r[0].AuxPrice) == 21500m);

        // Assert: the new STP (new id) reached TWS before the cancel of the old one
        var received = p.Ib.Fake.Received.ToList();
        var newStop = p.Resting()[0];
        Assert.NotEqual(oldStop.OrderId, newStop.OrderId);
        var placedAt = received.FindIndex(r => r.MessageId == 3 && r.Fields[1] == newStop.OrderId.ToString(CultureInfo.InvariantCulture));
        var cancelAt = received.FindIndex(r => r.MessageId == 4 && r.Fields[2] == oldStop.OrderId.ToString(CultureInfo.InvariantCulture));
        Assert.True(placedAt >= 0 && cancelAt > placedAt, $"new stop at {placedAt}, old cancelled at {cancelAt}");
        Assert.Equal(oldStop.OcaGroup, newStop.OcaGroup);
    }

    private static Dictionary<string, string?> IbSettings() => new()
    {
        ["InteractiveBrokers:FrontMonths:MNQ"] = "202603",
        ["InteractiveBrokers:KeepAliveSeconds"] = "0",
        ["InteractiveBrokers:MessagesPerSecond"] = "100000",
        ["InteractiveBrokers:Burst"] = "100000",
    };
}
