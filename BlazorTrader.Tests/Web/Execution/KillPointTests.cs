using System.Data.Common;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// Issue 13 "done when": one recorder copying to two paper accounts (x1, x2); the process dies at each kill point of a
/// webhook's way (inside the signal's transaction after its intents were inserted, after the commit, after the broker
/// hand-off, after the fill), a new app starts on the same data and the whole alert is resent. Every time: one paper
/// order and one fill per intent, and each account = recorder x multiplier. A kill point is a deterministic hook that
/// holds that step until the host is stopped (the crash); the stop never lets the held step finish.
/// </summary>
public sealed class KillPointTests : IDisposable
{
    private const string Entry = """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"K1","time":"2026-11-18T23:30:00Z"}""";
    private readonly string _data = Directory.CreateTempSubdirectory("bt-kill-").FullName;

    [Fact]
    public async Task KillInsideTheSignalTransaction_AfterTheIntentInsert_NothingIsKept_AndTheResendPlacesEachOrderOnce()
    {
        // Arrange: the signal's transaction holds its signal and both intents, and dies before its commit
        var hold = new HoldSignalCommit();
        Copier copier;
        Task unanswered;
        await using (var app = new ExecutionAppFactory(_data, services: s => s.AddSingleton<IInterceptor>(hold)))
        {
            copier = await CopierAsync(app);
            var client = app.ApiClient();
            unanswered = client.PostWebhookAsync(copier.Path, Entry).ContinueWith(_ => client.Dispose(), TaskScheduler.Default);
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal((1, 2), (hold.SignalsInTransaction, hold.IntentsInTransaction));   // one transaction: finding 2 cannot happen
        }
        SqliteConnection.ClearAllPools();
        await unanswered.WaitAsync(TimeSpan.FromSeconds(15));   // the crash ended the request without an answer

        // Act
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddSeconds(10));
        var leftOver = await second.DbAsync(async db => await db.Signals.CountAsync() + await db.OrderIntents.CountAsync());
        using var again = second.ApiClient();
        var (_, resent) = await again.PostWebhookAsync(copier.Path, Entry);

        // Assert
        Assert.Equal(0, leftOver);
        Assert.Equal("accepted", resent.GetProperty("status").GetString());
        Assert.Equal(2, resent.GetProperty("intentIds").GetArrayLength());
        await AssertFollowsAsync(second, copier, recorder: 1);
    }

    [Fact]
    public async Task KillAfterTheSignalCommit_BeforeTheHandOff_TheRestartSendsEachIntentOnce_AndTheResendNamesThem()
    {
        // Arrange: committed and answered 200, no placement ever finishes
        Copier copier;
        JsonElement first;
        await using (var app = new ExecutionAppFactory(_data, new NeverSubmitDecorator()))
        {
            copier = await CopierAsync(app);
            using var client = app.ApiClient();
            (_, first) = await client.PostWebhookAsync(copier.Path, Entry);
        }
        SqliteConnection.ClearAllPools();

        // Act
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddSeconds(10));
        using var again = second.ApiClient();
        await AssertFollowsAsync(second, copier, recorder: 1);
        var (_, resent) = await again.PostWebhookAsync(copier.Path, Entry);

        // Assert
        Assert.Equal("accepted", first.GetProperty("status").GetString());
        Assert.Equal("duplicate", resent.GetProperty("status").GetString());
        Assert.Equal(Ids(first), Ids(resent));
        await AssertFollowsAsync(second, copier, recorder: 1);
    }

    [Fact]
    public async Task KillAfterTheBrokerHandOff_BeforeItsAnswer_TheRestartTakesTheBrokersWord_AndSendsNothingAgain()
    {
        // Arrange: the venue takes (and fills) both orders; neither the answer nor any report reaches the engine
        var handedOff = new HandOffThenDie();
        Copier copier;
        await using (var app = new ExecutionAppFactory(_data, handedOff))
        {
            copier = await CopierAsync(app);
            using var client = app.ApiClient();
            await client.PostWebhookAsync(copier.Path, Entry);
            await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref handedOff.HandedOff) == 2), "both hand-offs");
            Assert.Empty(await app.BookAsync(copier.One));
            Assert.All(await app.DbAsync(db => db.OrderIntents.ToListAsync()), i => Assert.Equal(OrderIntentStatus.Pending, i.Status));
        }
        SqliteConnection.ClearAllPools();

        // Act: back an hour later (a resubmission would be a second order; the entry delay would not allow one anyway)
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddHours(1));
        using var again = second.ApiClient();
        var (_, resent) = await again.PostWebhookAsync(copier.Path, Entry);

        // Assert
        Assert.Equal("duplicate", resent.GetProperty("status").GetString());
        await AssertFollowsAsync(second, copier, recorder: 1);
    }

    [Fact]
    public async Task KillAfterTheFill_TheRestartAndTheResendChangeNothing()
    {
        // Arrange: everything filled and recorded, then the crash
        Copier copier;
        await using (var app = new ExecutionAppFactory(_data))
        {
            copier = await CopierAsync(app);
            using var client = app.ApiClient();
            await client.PostWebhookAsync(copier.Path, Entry);
            await AssertFollowsAsync(app, copier, recorder: 1);
        }
        SqliteConnection.ClearAllPools();

        // Act: back an hour later, the alert resent
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddHours(1));
        using var again = second.ApiClient();
        var (_, resent) = await again.PostWebhookAsync(copier.Path, Entry);

        // Assert: no follow-up order, no reconciliation difference
        Assert.Equal("duplicate", resent.GetProperty("status").GetString());
        await AssertFollowsAsync(second, copier, recorder: 1);
        Assert.False(await second.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Source == "sync")));
    }

    private sealed record Copier(long One, long Two, string Path);

    private static async Task<Copier> CopierAsync(ExecutionAppFactory app)
    {
        var one = await app.PaperAccountIdAsync();
        var two = await app.CreateAccountAsync("Double");
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "copier", accounts = new[] { new { accountId = one, multiplier = 1m }, new { accountId = two, multiplier = 2m } },
        });
        return new Copier(one, two, path);
    }

    private static List<long> Ids(JsonElement reply) => [.. reply.GetProperty("intentIds").EnumerateArray().Select(e => e.GetInt64())];

    /// <summary>
    /// The invariants of the chaos run, once every intent has settled: one signal, one intent per account, one paper order
    /// and fills equal to each intent, each account's book = its venue = recorder x multiplier.
    /// </summary>
    private static async Task AssertFollowsAsync(ExecutionAppFactory app, Copier copier, decimal recorder)
    {
        await ExecutionAppFactory.EventuallyAsync(() => app.DbAsync(async db => await db.OrderIntents.AnyAsync()
            && await db.OrderIntents.AllAsync(i => i.Status == OrderIntentStatus.Filled)), "every intent filled");
        var intents = await app.DbAsync(db => db.OrderIntents.AsNoTracking().ToListAsync());
        var orders = await app.DbAsync(db => db.PaperOrders.AsNoTracking().ToListAsync());
        var executions = await app.DbAsync(db => db.PaperExecutions.AsNoTracking().ToListAsync());
        Assert.Equal(1, await app.DbAsync(db => db.Signals.CountAsync()));
        Assert.Equal(2, intents.Count);
        Assert.Equal(intents.Select(i => i.IdempotencyKey).Order(), orders.Select(o => o.ClientOrderRef).Order());
        Assert.All(intents, i => Assert.Equal(i.FilledQuantity, executions.Where(e => e.ClientOrderRef == i.IdempotencyKey).Sum(e => e.Quantity)));
        var position = await app.DbAsync(db => db.Positions.AsNoTracking().SingleAsync(p => p.Status == TradeStatus.Open));
        Assert.Equal(recorder, position.TotalQuantity);
        foreach (var (account, multiplier) in new[] { (copier.One, 1m), (copier.Two, 2m) })
        {
            Assert.Equal(new Dictionary<string, decimal> { ["MNQ1!"] = recorder * multiplier }, await app.BookAsync(account));
            Assert.Equal(await app.BookAsync(account), await app.BrokerPositionsAsync(account));
        }
    }

    /// <summary>
    /// The kill point inside the signal's transaction: after its signal and intents were inserted, before its commit,
    /// held until the host stops (the engine's token is cancelled, the transaction rolls back).
    /// </summary>
    /// <summary>The kill point inside the signal's transaction: it counts what the transaction holds, then never commits.</summary>
    private sealed class HoldSignalCommit : IDbTransactionInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int SignalsInTransaction, IntentsInTransaction;

        public Task Reached => _reached.Task;

        public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context?.Database.IsRelational() != true || !await HasSignalsTableAsync(transaction, cancellationToken)) return result;   // migrations
            var signals = await CountAsync(transaction, "signals", cancellationToken);
            if (signals == 0 || _reached.Task.IsCompleted) return result;
            (SignalsInTransaction, IntentsInTransaction) = (signals, await CountAsync(transaction, "order_intents", cancellationToken));
            _reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return result;
        }

        private static async Task<bool> HasSignalsTableAsync(DbTransaction transaction, CancellationToken ct)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'signals'";
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }

        private static async Task<int> CountAsync(DbTransaction transaction, string table, CancellationToken ct)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The kill point after the hand-off: the venue has the order; its answer and every report are lost.</summary>
    private sealed class HandOffThenDie : IBrokerDecorator
    {
        public int HandedOff;

        public IBroker Decorate(IBroker broker) => new Dying(broker, this);

        private sealed class Dying(IBroker inner, HandOffThenDie owner) : DelegatingBroker(inner)
        {
            public override async Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct)
            {
                await Inner.PlaceOrderAsync(request, ct);
                Interlocked.Increment(ref owner.HandedOff);
                await Task.Delay(Timeout.Infinite, ct);
                throw new OperationCanceledException();
            }

            public override IDisposable Subscribe(Action<BrokerEvent> handler) => Inner.Subscribe(_ => { });
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
