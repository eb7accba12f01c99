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
    public async Task CrashAfterIntentPersisted_BeforeSubmission_RestartCancelsIt_AndNeverResubmits()
    {
        // Arrange: the placement never reaches the broker
        var never = new NeverSubmitDecorator();
        long account, intentId;
        await using (var first = new ExecutionAppFactory(_data, never))
        {
            account = await first.PaperAccountIdAsync();
            var reply = await first.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21500, requestId = "r-1" });
            intentId = reply.Body.GetProperty("intentId").GetInt64();
            await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref never.Attempts) == 1), "the submission attempt");
            Assert.Equal(OrderIntentStatus.Pending, await first.DbAsync(db => db.OrderIntents.Where(i => i.Id == intentId).Select(i => i.Status).SingleAsync()));
        }   // crash
        SqliteConnection.ClearAllPools();

        // Act: restart on the same database
        await using var second = new ExecutionAppFactory(_data);
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
