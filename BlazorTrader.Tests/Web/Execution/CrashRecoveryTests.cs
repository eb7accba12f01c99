using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// A crash is simulated by stopping the host at the interesting point (a broker decorator makes that point
/// last forever), then starting a new app on the same data directory.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bt-crash-").FullName;

    [Fact]
    public async Task CrashAfterIntentPersisted_BeforeSubmission_AnOldEntry_IsCancelledAtRestart_AndNeverSent()
    {
        // Arrange: the placement never reaches the broker; the app comes back 5 minutes later (entry delay 30 s)
        var (account, intentId) = await CrashBeforeSubmissionAsync("MNQ1!", "buy", "r-1");

        // Act
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddMinutes(5));
        var retry = await second.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21500, requestId = "r-1" });

        // Assert
        var intent = await second.DbAsync(db => db.OrderIntents.SingleAsync(i => i.Id == intentId));
        Assert.Equal(OrderIntentStatus.Cancelled, intent.Status);
        Assert.Contains("not resubmitted", intent.Reason);
        Assert.Equal("duplicate", retry.Body.GetProperty("status").GetString());
        Assert.Equal(0, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(await second.BrokerPositionsAsync(account), await second.BookAsync(account));
        Assert.True(await second.DbAsync(db => db.AuditLog.AnyAsync(a => a.Category == "reconciliation")));
    }

    [Fact]
    public async Task CrashAfterIntentPersisted_BeforeSubmission_AYoungEntry_IsSentOnceAtRestart()
    {
        // Arrange: answered 200, committed, never handed to the broker; the app is back within the entry delay
        var (account, intentId) = await CrashBeforeSubmissionAsync("MNQ1!", "buy", "r-3");

        // Act
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddSeconds(10));
        await ExecutionAppFactory.EventuallyAsync(async () => (await second.BrokerPositionsAsync(account)).GetValueOrDefault("MNQ1!") == 1, "the fill");
        var retry = await second.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21500, requestId = "r-3" });

        // Assert: the same intent went out, once
        Assert.Equal(intentId, retry.Body.GetProperty("intentId").GetInt64());
        Assert.Equal("duplicate", retry.Body.GetProperty("status").GetString());
        await ExecutionAppFactory.EventuallyAsync(async () => await second.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == intentId && i.Status == OrderIntentStatus.Filled)), "the intent filled");
        Assert.Equal(1, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(1, await second.DbAsync(db => db.OrderIntents.CountAsync()));
        Assert.Equal(await second.BrokerPositionsAsync(account), await second.BookAsync(account));
    }

    [Fact]
    public async Task CrashAfterIntentPersisted_BeforeSubmission_AnOldExit_IsStillSentAtRestart()
    {
        // Arrange: the account holds 2 ES; the closing sell commits and never reaches the broker
        long account;
        await using (var first = new ExecutionAppFactory(_data))
        {
            account = await first.PaperAccountIdAsync();
            await first.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 2, price = 5000, requestId = "open" });
            await ExecutionAppFactory.EventuallyAsync(async () => (await first.BookAsync(account)).GetValueOrDefault("ES1!") == 2, "the entry fill");
        }
        SqliteConnection.ClearAllPools();
        var (_, exitId) = await CrashBeforeSubmissionAsync("ES1!", "sell", "close", quantity: 2);

        // Act: back an hour later: far beyond the entry delay, which does not apply to exits
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddHours(1));

        // Assert
        await ExecutionAppFactory.EventuallyAsync(async () => !(await second.BrokerPositionsAsync(account)).ContainsKey("ES1!"), "the account flat at the broker");
        await ExecutionAppFactory.EventuallyAsync(async () => await second.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == exitId && i.Status == OrderIntentStatus.Filled)), "the exit filled");
        Assert.Equal(2, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(await second.BrokerPositionsAsync(account), await second.BookAsync(account));
    }

    /// <summary>Places an order whose submission hangs forever, then stops the app (the crash).</summary>
    private async Task<(long Account, long IntentId)> CrashBeforeSubmissionAsync(string ticker, string side, string requestId, int quantity = 1)
    {
        var never = new NeverSubmitDecorator();
        await using var first = new ExecutionAppFactory(_data, never);
        var account = await first.PaperAccountIdAsync();
        var reply = await first.PlaceOrderAsync(new { account, ticker, side, quantity, price = ticker == "ES1!" ? 5000 : 21500, requestId });
        var intentId = reply.Body.GetProperty("intentId").GetInt64();
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref never.Attempts) == 1), "the submission attempt");
        Assert.Equal(OrderIntentStatus.Pending, await first.DbAsync(db => db.OrderIntents.Where(i => i.Id == intentId).Select(i => i.Status).SingleAsync()));
        await first.DisposeAsync();
        SqliteConnection.ClearAllPools();
        return (account, intentId);
    }

    [Fact]
    public async Task CrashAfterBrokerFilled_BeforeFillRecorded_RestartTakesTheBrokersFill_WithoutASecondOrder()
    {
        // Arrange: the broker fills, its reports never reach the engine
        long account, intentId;
        await using (var first = new ExecutionAppFactory(_data, new LoseFillReportsDecorator()))
        {
            account = await first.PaperAccountIdAsync();
            var reply = await first.PlaceOrderAsync(new { account, ticker = "ES1!", side = "sell", quantity = 3, price = 5000, requestId = "r-2" });
            intentId = reply.Body.GetProperty("intentId").GetInt64();
            await ExecutionAppFactory.EventuallyAsync(async () => (await first.BrokerPositionsAsync(account)).GetValueOrDefault("ES1!") == -3, "the broker's fill");
            await ExecutionAppFactory.EventuallyAsync(async () => await first.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == intentId && i.Status == OrderIntentStatus.Submitted)), "the acknowledgement");
            Assert.Empty(await first.BookAsync(account));
        }   // crash
        SqliteConnection.ClearAllPools();

        // Act
        await using var second = new ExecutionAppFactory(_data);

        // Assert
        var intent = await second.DbAsync(db => db.OrderIntents.SingleAsync(i => i.Id == intentId));
        Assert.Equal(OrderIntentStatus.Filled, intent.Status);
        Assert.Equal(3, intent.FilledQuantity);
        Assert.Equal(5000m, intent.AvgFillPrice);
        Assert.Equal(1, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(new Dictionary<string, decimal> { ["ES1!"] = -3 }, await second.BrokerPositionsAsync(account));
        Assert.Equal(await second.BrokerPositionsAsync(account), await second.BookAsync(account));
    }

    [Fact]
    public async Task CrashWhileTheOrderIsWorking_RestartKeepsItWorking_AndTheLaterFillIsRecordedOnce()
    {
        // Arrange: 5 s of paper latency that the (fake) clock never reaches before the crash
        long account, intentId;
        await using (var first = new ExecutionAppFactory(_data))
        {
            account = await first.CreateAccountAsync("Slow paper", settings: new { latencyMs = 5000 });
            var reply = await first.PlaceOrderAsync(new { account, ticker = "MES1!", side = "buy", quantity = 2, price = 6000, requestId = "r-3" });
            intentId = reply.Body.GetProperty("intentId").GetInt64();
            await ExecutionAppFactory.EventuallyAsync(async () => await first.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == intentId && i.Status == OrderIntentStatus.Submitted)), "the acknowledgement");
        }   // crash
        SqliteConnection.ClearAllPools();

        // Act
        await using var second = new ExecutionAppFactory(_data);
        var afterRestart = await second.DbAsync(db => db.OrderIntents.Where(i => i.Id == intentId).Select(i => i.Status).SingleAsync());
        second.Time.Advance(TimeSpan.FromSeconds(6));

        // Assert
        Assert.Equal(OrderIntentStatus.Submitted, afterRestart);
        await ExecutionAppFactory.EventuallyAsync(async () => await second.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == intentId && i.Status == OrderIntentStatus.Filled)), "the fill after restart");
        Assert.Equal(1, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(new Dictionary<string, decimal> { ["MES1!"] = 2 }, await second.BookAsync(account));
        Assert.Equal(await second.BrokerPositionsAsync(account), await second.BookAsync(account));
    }

    [Fact]
    public async Task StuckSubmission_IsLeftAloneWhileYoung_ThenSettledByReconciliation_NeverResubmitted()
    {
        // Arrange: a placement that never answers, in a running app
        var never = new NeverSubmitDecorator();
        await using var app = new ExecutionAppFactory(_data, never);
        var account = await app.PaperAccountIdAsync();
        var reply = await app.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21500, requestId = "stuck" });
        var intentId = reply.Body.GetProperty("intentId").GetInt64();
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref never.Attempts) == 1), "the submission attempt");
        var engine = app.Services.GetRequiredService<ITradingEngine>();

        // Act
        var young = await engine.SendAsync(new ReconcileOrders(TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(10));
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var old = await engine.SendAsync(new ReconcileOrders(TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal((0, 0), (young.IntentsChecked, young.IntentsChanged));
        Assert.Equal((1, 1), (old.IntentsChecked, old.IntentsChanged));
        Assert.Equal(OrderIntentStatus.Cancelled, await app.DbAsync(db => db.OrderIntents.Where(i => i.Id == intentId).Select(i => i.Status).SingleAsync()));
        Assert.Equal(1, Volatile.Read(ref never.Attempts));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
