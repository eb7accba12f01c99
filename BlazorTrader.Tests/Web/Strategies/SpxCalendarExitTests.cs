using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.SpxCalendarTrading;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Tests.Web.Execution;
using BlazorTrader.Tests.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BlazorTrader.Tests.Web.Strategies.SpxCalendarApp;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>Issue 16: the calendar's target, time exit, reconciliation and crash recovery on paper with a fake clock.</summary>
[Collection(HangfireTestJobs.Collection)]
public sealed class SpxCalendarExitTests : IDisposable
{
    /// <summary>Entered Friday 2026-12-11: day 14 is Christmas (closed), so the time exit is Monday 12-28 at 15:00 ET.</summary>
    private static readonly object HolidayCalendar = new
    {
        entryDate = "2026-12-11", shortExpiry = "2026-12-31", longExpiry = "2027-01-08", putStrike = 5750, callStrike = 6200, quantity = 4, debit = 40.00,
    };

    private static readonly DateTimeOffset ChristmasEve15 = new(2026, 12, 24, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Monday28At15 = new(2026, 12, 28, 20, 0, 0, TimeSpan.Zero);

    private readonly string _data = Directory.CreateTempSubdirectory("bt-spx-").FullName;

    [Fact]
    public async Task Import_PlacesTheGtcAtTheOnceRoundedPrice_AndItsFillClosesTheTrade()
    {
        // Arrange: a calendar worth far more than its target (at-the-money, 7 vs 28 days), so the GTC fills at once
        var broker = new RecordingDecorator();
        await using var app = new ExecutionAppFactory(start: FridayEntry, decorator: broker);
        var (_, id) = await app.CreateCalendarAsync();
        app.SetPrice("SPX", 6000m);

        // Act
        var imported = await app.PostJsonAsync($"/api/strategies/{id}/import", new
        {
            entryDate = "11/19/2026", shortExpiry = "11/27/2026", longExpiry = "12/18/2026", putStrike = 6000, callStrike = 6000, quantity = 2, debit = 20.13,
        });
        var tradeId = imported.GetProperty("tradeId").GetInt64();
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("status").GetString() == "closed", "the target's fill");

        // Assert: 20.13 x 1.5 = 30.195 -> 30.20 (the original floored its GTC to 30.10 while showing 30.20)
        var target = Assert.Single(broker.Combos($"spxcal:{id}:trade:{tradeId}:target"));
        Assert.Equal((OrderAction.Sell, 2m, 30.20m, TimeInForce.Gtc), (target.Action, target.Quantity, target.LimitPrice!.Value, target.TimeInForce));
        var trade = await app.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        var fill = await app.DbAsync(db => db.OrderIntents.AsNoTracking().SingleAsync(i => i.IdempotencyKey == target.ClientOrderRef));
        Assert.Equal(OrderIntentStatus.Filled, fill.Status);
        Assert.True(fill.AvgFillPrice >= 30.20m);
        Assert.Equal((30.20m, "profit target", fill.AvgFillPrice), (trade.TargetPrice!.Value, trade.ExitReason, trade.ExitCredit));
        Assert.Equal((fill.AvgFillPrice!.Value - 20.13m) * 100m * 2, trade.RealizedPnl);
        Assert.Equal(SpxTargetStatus.Filled, trade.TargetStatus);
    }

    [Fact]
    public async Task TimeExit_AHolidayOnDay14_MovesItToTheNextTradingDay_ThenCancelsTheTargetAndClosesAtMid()
    {
        // Arrange: Christmas Eve 15:00, the calendar imported (target 60.00 rests)
        long id, tradeId;
        await using (var eve = new ExecutionAppFactory(_data, start: ChristmasEve15))
        {
            (_, id) = await eve.CreateCalendarAsync();
            eve.SetPrice("SPX", 6000m);
            tradeId = (await eve.PostJsonAsync($"/api/strategies/{id}/import", HolidayCalendar)).GetProperty("tradeId").GetInt64();
            await ExecutionAppFactory.EventuallyAsync(async () => (await eve.TradesAsync(id))[0].GetProperty("target").GetProperty("status").GetString() == "working", "the target");

            // Act: the exit job on the 24th
            Assert.Equal("Succeeded", await eve.RunAsync(SpxCalendarKindJobs.ExitJob(id)));

            // Assert: not due (the exit date is the 28th)
            var trade = (await eve.TradesAsync(id))[0];
            Assert.Equal(("open", "2026-12-28"), (trade.GetProperty("status").GetString(), trade.GetProperty("exitDate").GetString()));
            Assert.Contains("exit moved to 2026-12-28", trade.GetProperty("notes").GetString());
        }

        // Act: Monday 28th, 15:00: the exit job again
        await using var app = new ExecutionAppFactory(_data, start: Monday28At15);
        await app.ReadyAsync();
        app.SetPrice("SPX", 6000m);
        Assert.Equal("Succeeded", await app.RunAsync(SpxCalendarKindJobs.ExitJob(id)));
        var exitKey = $"spxcal:{id}:trade:{tradeId}:exit";
        await app.WorkingAtBrokerAsync(exitKey);
        await app.AdvanceAsync(TimeSpan.FromSeconds(11));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("status").GetString() == "closed", "the close");

        // Assert: the target was cancelled before the close went out; the close sold at its mid; P&L per combo x 100 x 4
        var target = await app.DbAsync(db => db.OrderIntents.AsNoTracking().SingleAsync(i => i.IdempotencyKey == $"spxcal:{id}:trade:{tradeId}:target"));
        var close = await app.DbAsync(db => db.OrderIntents.AsNoTracking().SingleAsync(i => i.IdempotencyKey == exitKey));
        Assert.Equal(OrderIntentStatus.Cancelled, target.Status);
        Assert.True(target.CompletedAt <= close.CreatedAt);
        Assert.Equal((OrderAction.Sell, OrderType.Limit, OrderIntentStatus.Filled), (close.Action, close.Type, close.Status));
        var done = await app.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        Assert.Equal(close.LimitPrice, done.ExitCredit);
        Assert.Equal((done.ExitCredit!.Value - 40m) * 100m * 4, done.RealizedPnl);
        Assert.Equal("time exit (day 17)", done.ExitReason);
    }

    [Fact]
    public async Task TimeExit_WhenTheBrokerDoesNotConfirmTheTargetsCancel_AbortsTheCloseAndAlerts()
    {
        // Arrange: the broker refuses to cancel the target
        var broker = new RecordingDecorator
        {
            CancelOverride = r => r.ClientOrderRef.Contains(":target", StringComparison.Ordinal) ? new CancelOrderResponse(false, r.ClientOrderRef, "order is locked") : null,
        };
        await using var app = new ExecutionAppFactory(start: Monday28At15, decorator: broker);
        var (_, id) = await app.CreateCalendarAsync();
        app.SetPrice("SPX", 6000m);
        var tradeId = (await app.PostJsonAsync($"/api/strategies/{id}/import", HolidayCalendar)).GetProperty("tradeId").GetInt64();
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("target").GetProperty("status").GetString() == "working", "the target");

        // Act
        Assert.Equal("Succeeded", await app.RunAsync(SpxCalendarKindJobs.ExitJob(id)));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("lastProblem").GetString()?.Contains("close aborted") == true, "the abort");

        // Assert: still open, no close order, the target still rests, and the abort is on record
        var trade = (await app.TradesAsync(id))[0];
        Assert.Equal("open", trade.GetProperty("status").GetString());
        Assert.Contains("order is locked", trade.GetProperty("lastProblem").GetString());
        Assert.False(await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey.StartsWith($"spxcal:{id}:trade:{tradeId}:exit"))));
        Assert.Equal(OrderIntentStatus.Submitted, (await app.DbAsync(db => db.OrderIntents.AsNoTracking().SingleAsync(i => i.IdempotencyKey.EndsWith(":target")))).Status);
        Assert.True(await app.DbAsync(db => db.AuditLog.AnyAsync(a => a.Category == "spx-calendar" && a.Message.Contains("close aborted"))));
    }

    [Fact]
    public async Task Reconciliation_ReportsAMissingLegAndAnOrphan()
    {
        // Arrange: a filled calendar; then the broker shows its short put gone and an SPXW call nobody opened
        var broker = new RecordingDecorator();
        await using var app = new ExecutionAppFactory(start: FridayEntry, decorator: broker);
        var (_, id) = await app.CreateCalendarAsync();
        app.SetPrice("SPX", 6000m);
        await app.EnterAndFillAsync(id);
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.TradesAsync(id))[0].GetProperty("target").GetProperty("status").GetString() == "working", "the fill");
        var trade = await app.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        var shortPut = trade.Legs[0].Ticker;
        const string orphan = "SPXW261218C06500000";

        // Act: first as it is, then with the broker's differences
        var clean = await app.PostJsonAsync($"/api/strategies/{id}/reconcile");
        broker.Positions = p => [.. p.Where(x => x.Symbol != shortPut), new BrokerPosition(orphan, -1, 3.20m)];
        Assert.Equal("Succeeded", await app.RunAsync(SpxCalendarKindJobs.ReconcileJob(id)));
        var found = await app.PostJsonAsync($"/api/strategies/{id}/reconcile");

        // Assert
        Assert.Empty(clean.GetProperty("missingLegs").EnumerateArray());
        Assert.Empty(clean.GetProperty("orphans").EnumerateArray());
        Assert.Equal([$"{shortPut}: expected -4, the broker holds 0"], found.GetProperty("missingLegs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([$"{orphan}: -1 held, no calendar has it"], found.GetProperty("orphans").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await app.DbAsync(db => db.AuditLog.AnyAsync(a => a.Message.Contains("missing leg " + shortPut) && a.Message.Contains("orphan " + orphan))));
    }

    [Fact]
    public async Task CrashBetweenTheEntryFillAndTheTarget_Restart_PlacesTheTargetOnce()
    {
        // Arrange: the process dies right after the fill is recorded on the trade, before its target is placed
        var crash = new HangAt("entry-filled");
        long id;
        await using (var first = new ExecutionAppFactory(_data, start: FridayEntry, services: s => s.AddSingleton<ISpxCalendarCrashPoint>(crash)))
        {
            (_, id) = await first.CreateCalendarAsync();
            first.SetPrice("SPX", 6000m);
            await first.EnterAndFillAsync(id);
            await crash.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(await first.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey.EndsWith(":target"))));
        }

        // Act: restart, twice
        for (var restart = 1; restart <= 2; restart++)
        {
            await using var app = new ExecutionAppFactory(_data, start: FridayEntry.AddMinutes(restart));
            app.SetPrice("SPX", 6000m);
            await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.PaperOrders.AnyAsync(o => o.ClientOrderRef.EndsWith(":target"))), "the target at the broker");

            // Assert: one target intent, one order at the broker, whatever the number of restarts
            Assert.Equal(1, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.IdempotencyKey.EndsWith(":target"))));
            Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.ClientOrderRef.EndsWith(":target"))));
            var trade = await app.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
            Assert.Equal((SpxCalendarTradeStatus.Open, $"spxcal:{id}:trade:{trade.Id}:target"), (trade.Status, trade.TargetKey));
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class HangAt(string point) : ISpxCalendarCrashPoint
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task ReachedAsync(string at, CancellationToken ct)
        {
            if (at != point) return;
            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);   // "killed": nothing after this point runs
        }
    }
}
