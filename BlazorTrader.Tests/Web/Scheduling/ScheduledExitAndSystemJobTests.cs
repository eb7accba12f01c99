using System.Diagnostics;
using System.Threading.Channels;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Tests.Web.Execution;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Scheduling;

/// <summary>The time exit and the system jobs, run by Hangfire in the real app.</summary>
[Collection(HangfireTestJobs.Collection)]
public sealed class ScheduledExitAndSystemJobTests
{
    private static readonly DateTimeOffset FridayEntry = new(2026, 11, 20, 14, 45, 0, TimeSpan.Zero);

    [Fact]
    public async Task TimeExit_ClosesWhatTheEntryOpened_CancelsItsBracket_AndRunsOnce()
    {
        // Arrange: a filled entry of 2 with a resting take-profit and stop
        await using var app = new ExecutionAppFactory(start: FridayEntry);
        var account = await app.PaperAccountIdAsync();
        await app.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 5, price = 21400, requestId = "held-before" });
        app.SetPrice("MNQ1!", 21500m);
        var id = await app.CreateStrategyAsync(new
        {
            name = "drive", account, ticker = "MNQ1!", side = "buy", size = 2, entryTime = "09:45", exitTime = "09:46", exitUnits = "points", takeProfit = 50, stopLoss = 25,
        });
        await app.RunAsync(ScheduleKeys.EntryJob(id));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).GetValueOrDefault("MNQ1!") == 7, "the entry fill");

        // Act: the exit time (one minute later: a long jump of the fake clock would fire the paper broker's 250 ms timer thousands of times), fired twice
        app.Time.Advance(TimeSpan.FromMinutes(1));
        app.SetPrice("MNQ1!", 21510m);
        var states = new[] { await app.RunAsync(ScheduleKeys.ExitJob(id)), await app.RunAsync(ScheduleKeys.ExitJob(id)) };

        // Assert: only the strategy's 2 are sold; the position held before stays; the bracket is cancelled
        Assert.All(states, s => Assert.Equal(SucceededState.StateName, s));
        var exit = await app.DbAsync(db => db.OrderIntents.SingleAsync(i => i.IdempotencyKey == $"sched:{id}:2026-11-20:exit"));
        Assert.Equal((OrderAction.Sell, 2m), (exit.Action, exit.Quantity));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).GetValueOrDefault("MNQ1!") == 5, "the exit fill");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.CountAsync(i =>
            i.IdempotencyKey.StartsWith($"sched:{id}:2026-11-20:entry:") && i.Status == OrderIntentStatus.Cancelled)) == 2, "the bracket's cancellation");
        Assert.Equal(5, (await app.BookAsync(account))["MNQ1!"]);
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.ClientOrderRef == exit.IdempotencyKey)));
    }

    [Fact]
    public async Task TimeExit_AfterAFlatten_DoesNotOpenTheOtherSide()
    {
        // Arrange: the entry filled, then everything was flattened by hand
        await using var app = new ExecutionAppFactory(start: FridayEntry);
        var account = await app.PaperAccountIdAsync();
        app.SetPrice("MNQ1!", 21500m);
        var id = await app.CreateStrategyAsync(new { name = "flattened", account, ticker = "MNQ1!", side = "buy", size = 2, entryTime = "09:45", exitTime = "09:46" });
        await app.RunAsync(ScheduleKeys.EntryJob(id));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).GetValueOrDefault("MNQ1!") == 2, "the entry fill");
        using (var client = app.ApiClient())
            (await client.PostAsync("/api/flatten", System.Net.Http.Json.JsonContent.Create(new { requestId = "by-hand", reason = "test" }))).EnsureSuccessStatusCode();
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).GetValueOrDefault("MNQ1!") == 0, "the flatten fill");

        // Act
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var state = await app.RunAsync(ScheduleKeys.ExitJob(id));

        // Assert: no exit order, the account stays flat
        Assert.Equal(SucceededState.StateName, state);
        Assert.Equal(0, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.IdempotencyKey == $"sched:{id}:2026-11-20:exit")));
        Assert.Equal(0, (await app.BookAsync(account)).GetValueOrDefault("MNQ1!"));
    }

    [Fact]
    public async Task TimeExit_WithoutAnEntryToday_SendsNothing()
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero));
        var account = await app.PaperAccountIdAsync();
        var id = await app.CreateStrategyAsync(new { name = "idle", account, ticker = "MNQ1!", side = "buy", size = 1, entryTime = "09:45", exitTime = "15:00" });

        // Act
        var state = await app.RunAsync(ScheduleKeys.ExitJob(id));

        // Assert
        Assert.Equal(SucceededState.StateName, state);
        Assert.Equal(0, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Fact]
    public async Task EndOfDayFlatten_ClosesItsInstrumentClassOnly_OncePerDay()
    {
        // Arrange: a future and a stock position
        await using var app = new ExecutionAppFactory(start: new DateTimeOffset(2026, 11, 20, 21, 55, 0, TimeSpan.Zero));
        var account = await app.PaperAccountIdAsync();
        await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, price = 5000, requestId = "es" });
        await app.PlaceOrderAsync(new { account, ticker = "AAPL", side = "buy", quantity = 10, price = 200, requestId = "aapl" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 2, "the fills");

        // Act: 16:55 New York, the futures' flatten, fired twice
        await app.RunAsync(ScheduleKeys.EndOfDayFlattenJob("Future"));
        await app.RunAsync(ScheduleKeys.EndOfDayFlattenJob("Future"));

        // Assert
        await ExecutionAppFactory.EventuallyAsync(async () => !(await app.BookAsync(account)).ContainsKey("ES1!"), "the flatten fill");
        Assert.Equal(10, (await app.BookAsync(account))["AAPL"]);
        Assert.Equal(1, await app.DbAsync(db => db.AuditLog.CountAsync(a => a.Category == "flatten" && a.Message.StartsWith("flatten:eod:future:2026-11-20 "))));
        Assert.Equal(1, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.Source == "flatten")));
    }

    [Theory]
    [InlineData("2026-11-27T17:55:00Z", true)]    // 12:55 on the day after Thanksgiving: NYSE closes at 13:00
    [InlineData("2026-11-20T17:55:00Z", false)]   // 12:55 on a normal Friday: the regular 15:55 run does it
    public async Task EarlyCloseFlatten_FlattensOnlyOnAnEarlyCloseDay(string nowUtc, bool flattens)
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: DateTimeOffset.Parse(nowUtc, System.Globalization.CultureInfo.InvariantCulture));
        var account = await app.PaperAccountIdAsync();
        await app.PlaceOrderAsync(new { account, ticker = "AAPL", side = "buy", quantity = 10, price = 200, requestId = "aapl" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 1, "the fill");

        // Act
        await app.RunAsync(ScheduleKeys.EarlyCloseFlattenJob("Stock"));

        // Assert
        Assert.Equal(flattens ? 1 : 0, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.Source == "flatten")));
        if (flattens) await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the flatten fill");
    }

    [Fact]
    public async Task DailySnapshot_WithANotifierThatNeverAnswers_DoesNotDelayTheEngine()
    {
        // Arrange: a notifier stuck forever (its attempt timeout runs on the fake clock, which does not move)
        var stuck = new StuckNotifier();
        await using var app = new ExecutionAppFactory(start: new DateTimeOffset(2026, 11, 20, 22, 5, 0, TimeSpan.Zero),
            services: s => s.AddSingleton<INotifier>(stuck));
        var account = await app.PaperAccountIdAsync();
        await app.CreateRecorderAsync(new { name = "rec a" });
        await app.CreateRecorderAsync(new { name = "rec b" });
        var engine = app.Services.GetRequiredService<ITradingEngine>();

        // Act: the snapshot (a DailySummary) and then many more notifications than the notifier's queue holds, all through the engine
        var state = await app.RunAsync(ScheduleKeys.DailySnapshotJob);
        await stuck.Calls.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var inApp = app.Services.GetRequiredService<InAppNotifier>();
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(inApp.Recent.Any(n => n.Kind == NotificationKind.DailySummary)), "the in-app daily summary");
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++) await engine.SendAsync(new SetKillSwitch(i % 2 == 0, "test"), TimeSpan.FromSeconds(5));
        var order = await engine.SendAsync(new PlaceOrder(new OrderTicket(account, "ES1!", OrderAction.Buy, 1, OrderType.Market, "after", "manual",
            ReferencePrice: 5000)), TimeSpan.FromSeconds(5));
        watch.Stop();

        // Assert
        Assert.Equal(SucceededState.StateName, state);
        Assert.NotNull(stuck.First);   // the stuck notifier was called, and is still hanging
        Assert.Equal(PlaceOrderStatus.Accepted, order.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the engine took {watch.Elapsed} while a notifier hung");
        Assert.Equal(2, await app.DbAsync(db => db.PnlHistory.CountAsync()));
        Assert.Equal(1, await app.DbAsync(db => db.AuditLog.CountAsync(a => a.Category == "daily-snapshot" && a.Message.StartsWith("snapshot:2026-11-20 "))));
        Assert.Equal(SucceededState.StateName, await app.RunAsync(ScheduleKeys.DailySnapshotJob));
        Assert.Equal(2, await app.DbAsync(db => db.PnlHistory.CountAsync()));   // a repeat of the day's key adds nothing
    }

    [Fact]
    public async Task Reconciliation_ReportsABrokerPositionTheBookDoesNotHave()
    {
        // Arrange: the paper venue holds a position the engine's book never saw (an order placed outside BlazorTrader)
        await using var app = new ExecutionAppFactory(start: new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero));
        var account = await app.PaperAccountIdAsync();
        await app.DbAsync(async db =>
        {
            db.PaperPositions.Add(new() { AccountId = account, Symbol = "NQ1!", Quantity = 2, AvgPrice = 21000 });
            return await db.SaveChangesAsync();
        });

        // Act
        var state = await app.RunAsync(ScheduleKeys.ReconciliationJob);

        // Assert: logged to the audit log (shown on the strategies page), the engine log and a notification
        Assert.Equal(SucceededState.StateName, state);
        var reported = await app.DbAsync(db => db.AuditLog.Where(a => a.Category == "reconciliation").Select(a => a.Message).ToListAsync());
        Assert.Contains(reported, m => m.Contains("NQ1!") && m.Contains("the broker holds 2"));
    }

    private sealed class StuckNotifier : INotifier
    {
        private readonly Channel<Notification> _calls = Channel.CreateUnbounded<Notification>();

        public ChannelReader<Notification> Calls => _calls.Reader;

        public Notification? First { get; private set; }

        public ValueTask NotifyAsync(Notification n, CancellationToken ct)
        {
            First ??= n;
            _calls.Writer.TryWrite(n);
            return new ValueTask(new TaskCompletionSource().Task);   // ignores cancellation, like a stuck socket
        }
    }
}
