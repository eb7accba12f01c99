using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Tests.Web.Execution;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Scheduling;

/// <summary>The entry job run by Hangfire in the real app, with a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> as the clock.</summary>
[Collection(HangfireTestJobs.Collection)]
public sealed class ScheduledEntryTests : IDisposable
{
    /// <summary>Friday 2026-11-20 09:45 in New York (EST).</summary>
    private static readonly DateTimeOffset FridayEntry = new(2026, 11, 20, 14, 45, 0, TimeSpan.Zero);

    private readonly string _data = Directory.CreateTempSubdirectory("bt-sched-").FullName;

    [Fact]
    public async Task EntryFiredTwiceAndTriggeredAgain_PlacesOneBracketOrder()
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: FridayEntry);
        var account = await app.PaperAccountIdAsync();
        app.SetPrice("MNQ1!", 21500m);
        var id = await app.CreateStrategyAsync(new
        {
            name = "open drive", account, ticker = "MNQ1!", side = "buy", size = 2, entryTime = "09:45", exitTime = "15:00",
            days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }, exitUnits = "ticks", takeProfit = 40, stopLoss = 20,
        });

        // Act: the scheduler fires it twice at once, then someone triggers it from the dashboard
        var states = await Task.WhenAll(app.RunAsync(ScheduleKeys.EntryJob(id)), app.RunAsync(ScheduleKeys.EntryJob(id)));
        var again = await app.RunAsync(ScheduleKeys.EntryJob(id));

        // Assert
        Assert.All(states.Append(again), s => Assert.Equal(SucceededState.StateName, s));
        var key = $"sched:{id}:2026-11-20:entry";
        var entry = await app.DbAsync(db => db.OrderIntents.SingleAsync(i => i.Source == "scheduled"));
        Assert.Equal(key, entry.IdempotencyKey);
        Assert.Equal((2m, 21510m, 21495m), (entry.Quantity, entry.TakeProfitPrice!.Value, entry.StopLossPrice!.Value));
        Assert.Equal(3, await app.DbAsync(db => db.OrderIntents.CountAsync()));   // the entry and its bracket's take-profit and stop
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).GetValueOrDefault("MNQ1!") == 2, "the fill");
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.ClientOrderRef == key)));
    }

    [Theory]
    [InlineData("2026-11-26T14:45:00Z")]   // Thanksgiving
    [InlineData("2026-11-21T14:45:00Z")]   // Saturday
    public async Task Entry_OnAClosedDay_PlacesNothing(string nowUtc)
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: DateTimeOffset.Parse(nowUtc, System.Globalization.CultureInfo.InvariantCulture));
        var account = await app.PaperAccountIdAsync();
        app.SetPrice("ES1!", 5000m);
        var weekdays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };
        var id = await app.CreateStrategyAsync(new { name = "es", account, ticker = "ES1!", side = "sell", size = 1, entryTime = "09:45", days = weekdays });

        // Act
        var state = await app.RunAsync(ScheduleKeys.EntryJob(id));

        // Assert
        Assert.Equal(SucceededState.StateName, state);
        Assert.Equal(0, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Fact]
    public async Task EntryWithABracket_OnADelayedPrice_IsSkipped()
    {
        // Arrange: the only MNQ price is 10 minutes late (anonymous TradingView)
        await using var app = new ExecutionAppFactory(start: FridayEntry);
        var account = await app.PaperAccountIdAsync();
        app.Services.GetRequiredService<PriceCache>().Set(Tick.At1("MNQ1!", 21500m, app.Time.GetUtcNow(), DataMode.Delayed, 600));
        var id = await app.CreateStrategyAsync(new
        {
            name = "late", account, ticker = "MNQ1!", side = "buy", size = 1, entryTime = "09:45", exitUnits = "ticks", takeProfit = 40, stopLoss = 20,
        });

        // Act
        var state = await app.RunAsync(ScheduleKeys.EntryJob(id));

        // Assert: no bracket around an old price
        Assert.Equal(SucceededState.StateName, state);
        Assert.Equal(0, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Fact]
    public async Task EntryThatCrashedAfterSendingItsOrder_RequeuedFromTheDashboard_PlacesOneOrder()
    {
        // Arrange: the worker dies after the job body ran (the order went to the engine) but before the job was marked done
        var crash = new FailAfterFirstRun();
        await using var app = new ExecutionAppFactory(start: FridayEntry, services: s => s.AddSingleton<IJobFilterProvider>(
            new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { crash })));
        var account = await app.PaperAccountIdAsync();
        var id = await app.CreateStrategyAsync(new { name = "crashy", account, ticker = "MNQ1!", side = "buy", size = 1, entryTime = "09:45" });
        app.SetPrice("MNQ1!", 21500m);
        var jobId = app.Trigger(ScheduleKeys.EntryJob(id));
        Assert.Equal(FailedState.StateName, await app.FinishedAsync(jobId));   // no automatic retry for entries

        // Act: a person retries the failed job
        app.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId);
        await ExecutionAppFactory.EventuallyAsync(async () => await app.FinishedAsync(jobId) == SucceededState.StateName, "the retry");

        // Assert
        Assert.Equal(2, crash.Runs);
        Assert.Equal(1, await app.DbAsync(db => db.OrderIntents.CountAsync()));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).GetValueOrDefault("MNQ1!") == 1, "the fill");
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync()));
    }

    [Fact]
    public async Task EntryRunAgainAfterARestartDuringTheJob_PlacesOneOrder()
    {
        // Arrange: the first process runs the entry and stops before it could record the job as done
        long account, id;
        await using (var first = new ExecutionAppFactory(_data, start: FridayEntry))
        {
            account = await first.PaperAccountIdAsync();
            id = await first.CreateStrategyAsync(new { name = "restart", account, ticker = "ES1!", side = "buy", size = 3, entryTime = "09:45" });
            first.SetPrice("ES1!", 5000m);
            await first.RunAsync(ScheduleKeys.EntryJob(id));
            await ExecutionAppFactory.EventuallyAsync(async () => (await first.BookAsync(account)).GetValueOrDefault("ES1!") == 3, "the fill");
        }
        SqliteConnection.ClearAllPools();

        // Act: the restarted process registers the strategy's jobs from the database and runs the entry again
        await using var second = new ExecutionAppFactory(_data, start: FridayEntry.AddMinutes(1));
        await second.ReadyAsync();
        second.SetPrice("ES1!", 5001m);
        var state = await second.RunAsync(ScheduleKeys.EntryJob(id));

        // Assert
        Assert.Equal(SucceededState.StateName, state);
        Assert.Equal(1, await second.DbAsync(db => db.OrderIntents.CountAsync()));
        Assert.Equal(1, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(3, (await second.BrokerPositionsAsync(account))["ES1!"]);
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { /* SQLite may still hold the file */ }
    }

    /// <summary>Fails the job after its method returned the first time, as a worker that died before recording success.</summary>
    private sealed class FailAfterFirstRun : IServerFilter
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void OnPerforming(PerformingContext context) { }

        public void OnPerformed(PerformedContext context)
        {
            if (Interlocked.Increment(ref _runs) == 1) throw new InvalidOperationException("the worker died after the job sent its order");
        }
    }
}
