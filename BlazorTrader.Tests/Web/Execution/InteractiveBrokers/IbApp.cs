using System.Globalization;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>
/// The real app (SQLite, fake clock) with one Interactive Brokers account pointed at a fake TWS on loopback, and a
/// recorder copying to it. The clock only moves when a test says so: reconnect backoff, hold polling and the restart
/// window advance with <see cref="ExecutionAppFactory.Time"/>.
/// </summary>
internal sealed class IbApp : IAsyncDisposable
{
    public const int ClientId = 7;

    private IbApp(FakeTwsServer fake, ExecutionAppFactory app)
    {
        Fake = fake;
        App = app;
    }

    public FakeTwsServer Fake { get; }
    public ExecutionAppFactory App { get; }
    public long AccountId { get; private set; }
    public long RecorderId { get; private set; }
    public string WebhookPath { get; private set; } = "";

    /// <param name="settings">Extra configuration, e.g. a restart window.</param>
    public static async Task<IbApp> StartAsync(IDictionary<string, string?>? settings = null, Action<FakeTwsServer>? arrangeFake = null,
        bool waitConnected = true, DateTimeOffset? start = null)
    {
        var fake = FakeTwsServer.Start(nextOrderId: 1000);
        arrangeFake?.Invoke(fake);
        var all = new Dictionary<string, string?>
        {
            ["InteractiveBrokers:FrontMonths:MNQ"] = "202603",
            ["InteractiveBrokers:KeepAliveSeconds"] = "0",
            ["InteractiveBrokers:MessagesPerSecond"] = "100000",
            ["InteractiveBrokers:Burst"] = "100000",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var ib = new IbApp(fake, new ExecutionAppFactory(settings: all, start: start));
        await ib.App.ReadyAsync();
        ib.AccountId = await ib.App.CreateAccountAsync("IB paper", "InteractiveBrokers",
            new { host = "127.0.0.1", port = fake.Port, clientId = ClientId, accountCode = FakeTwsServer.Account });
        (ib.RecorderId, ib.WebhookPath) = await ib.App.CreateRecorderAsync(new
        {
            name = "ib copier", initialPositionSize = 1, addPositionSize = 1, accounts = new[] { new { accountId = ib.AccountId, multiplier = 1m } },
        });
        if (waitConnected) await ib.ConnectedAsync();
        return ib;
    }

    public async Task ConnectedAsync() =>
        await EventuallyAsync(async () => (await AccountAsync()).GetProperty("connection").GetString() == "connected", "the IB account to connect");

    public async Task<JsonElement> AccountAsync()
    {
        using var client = App.ApiClient();
        return await client.GetJsonAsync($"/api/accounts/{AccountId}");
    }

    public async Task<JsonElement> SignalAsync(string json)
    {
        using var client = App.ApiClient();
        var (_, body) = await client.PostWebhookAsync(WebhookPath, json);
        return body;
    }

    public Task<OrderIntentEntity> IntentAsync(string key) =>
        App.DbAsync(db => db.OrderIntents.AsNoTracking().SingleAsync(i => i.AccountId == AccountId && i.IdempotencyKey == key));

    public Task<List<OrderIntentEntity>> IntentsAsync() =>
        App.DbAsync(db => db.OrderIntents.AsNoTracking().Where(i => i.AccountId == AccountId).OrderBy(i => i.Id).ToListAsync());

    public Task<AccountPositionEntity?> BookAsync(string symbol) =>
        App.DbAsync(db => db.AccountPositions.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == AccountId && p.Symbol == symbol));

    public IReadOnlyList<string[]> PlacedOrders => Fake.ReceivedMessages(3);

    /// <summary>Polls (real time, bounded) while nudging the fake clock, so backoff delays and hold polls can pass.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for: {what}");
            if (step is { } s) App.Time.Advance(s);
            await Task.Delay(20);
        }
    }

    public Task IntentStatusAsync(string key, OrderIntentStatus status, TimeSpan? step = null) =>
        EventuallyAsync(async () => await App.DbAsync(db => db.OrderIntents.AnyAsync(i => i.AccountId == AccountId && i.IdempotencyKey == key && i.Status == status)),
            $"intent {key} to be {status}", step);

    public static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // Bounded, so a shutdown that hangs fails the test by name instead of stalling the run.
        try { await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(40)); }
        catch (TimeoutException) { Assert.Fail("the app did not shut down within 40 s"); }
        await Fake.DisposeAsync();
    }
}
