using System.Globalization;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Execution.Tradovate;

/// <summary>
/// The real app (SQLite, fake clock) with two Tradovate accounts under one login (DEMO111 and DEMO222) pointed at a fake
/// Tradovate on loopback, and a recorder copying to them with multipliers 1 and 2. The fake shares the app's clock, so
/// token expiry and penalty times move only when a test advances it.
/// </summary>
internal sealed class TradovateApp : IAsyncDisposable
{
    private TradovateApp(FakeTradovateServer fake, ExecutionAppFactory app)
    {
        Fake = fake;
        App = app;
    }

    public FakeTradovateServer Fake { get; }
    public ExecutionAppFactory App { get; }
    public long One { get; private set; }
    public long Two { get; private set; }
    public long RecorderId { get; private set; }
    public string WebhookPath { get; private set; } = "";

    public static object ApiKeySettings(string account, string password = FakeTradovateServer.Password) => new
    {
        environment = "demo", account, name = FakeTradovateServer.UserName, password, appId = "BlazorTrader", appVersion = "1.0",
        cid = FakeTradovateServer.Cid, sec = FakeTradovateServer.Sec, deviceId = "test-device-1",
    };

    /// <param name="oauth">Accounts created with <c>login: oauth</c> and no token (connected later through the OAuth flow).</param>
    public static async Task<TradovateApp> StartAsync(bool oauth = false, Action<FakeTradovateServer>? arrange = null, bool waitConnected = true,
        IDictionary<string, string?>? settings = null, string password = FakeTradovateServer.Password)
    {
        var fake = await FakeTradovateServer.StartAsync();
        arrange?.Invoke(fake);
        var all = new Dictionary<string, string?>
        {
            ["Tradovate:DemoUrl"] = fake.BaseUrl.ToString(),
            ["Tradovate:OAuthUrl"] = fake.OAuthUrl,
            ["Tradovate:OAuthClientId"] = FakeTradovateServer.ClientId,
            ["Tradovate:OAuthClientSecret"] = FakeTradovateServer.ClientSecret,
            ["Tradovate:ReconnectMinSeconds"] = "0",
            ["Tradovate:DeadSocketSeconds"] = "0",   // the fake clock jumps; dead-socket detection has its own test
            ["Tradovate:RequestTimeoutSeconds"] = "2",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var app = new ExecutionAppFactory(settings: all);
        fake.Time = app.Time;
        var tv = new TradovateApp(fake, app);
        await app.ReadyAsync();
        object Settings(string account) => oauth ? new { environment = "demo", account, login = "oauth" } : ApiKeySettings(account, password);
        tv.One = await app.CreateAccountAsync("Tradovate one", "Tradovate", Settings(FakeTradovateServer.AccountOne));
        tv.Two = await app.CreateAccountAsync("Tradovate two", "Tradovate", Settings(FakeTradovateServer.AccountTwo));
        (tv.RecorderId, tv.WebhookPath) = await app.CreateRecorderAsync(new
        {
            name = "tradovate copier", initialPositionSize = 1, addPositionSize = 1,
            accounts = new[] { new { accountId = tv.One, multiplier = 1m }, new { accountId = tv.Two, multiplier = 2m } },
        });
        if (waitConnected) await tv.ConnectedAsync();
        return tv;
    }

    public async Task ConnectedAsync()
    {
        foreach (var id in new[] { One, Two })
            await EventuallyAsync(async () => (await AccountAsync(id)).GetProperty("connection").GetString() == "connected", $"Tradovate account {id} to connect");
    }

    public async Task<JsonElement> AccountAsync(long id)
    {
        using var client = App.ApiClient();
        return await client.GetJsonAsync($"/api/accounts/{id}");
    }

    public async Task<JsonElement> AccountSummaryAsync(long id)
    {
        using var client = App.ApiClient();
        using var response = await client.PostAsync($"/api/accounts/{id}/test", null);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content)).GetProperty("summary");
    }

    public async Task<JsonElement> SignalAsync(string json)
    {
        using var client = App.ApiClient();
        var (_, body) = await client.PostWebhookAsync(WebhookPath, json);
        return body;
    }

    public Task<List<OrderIntentEntity>> IntentsAsync(long accountId) =>
        App.DbAsync(db => db.OrderIntents.AsNoTracking().Where(i => i.AccountId == accountId).OrderBy(i => i.Id).ToListAsync());

    public Task<AccountPositionEntity?> BookAsync(long accountId, string symbol) =>
        App.DbAsync(db => db.AccountPositions.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId && p.Symbol == symbol));

    public Task IntentStatusAsync(long accountId, string key, OrderIntentStatus status, TimeSpan? step = null) =>
        EventuallyAsync(async () => await App.DbAsync(db => db.OrderIntents.AnyAsync(i => i.AccountId == accountId && i.IdempotencyKey == key && i.Status == status)),
            $"intent {key} of account {accountId} to be {status}", step);

    /// <summary>Placements of one account the fake processed (not the penalty answers).</summary>
    public List<FakePlacement> PlacementsOf(string account) =>
        [.. Fake.Placements.Where(p => (string?)p.Body["accountSpec"] == account || p.Body["accountId"]?.GetValue<long>() == AccountIdOf(account))];

    private static long AccountIdOf(string account) => account == FakeTradovateServer.AccountOne ? FakeTradovateServer.AccountIds[0] : FakeTradovateServer.AccountIds[1];

    /// <summary>Polls (real time, bounded) while nudging the fake clock by <paramref name="step"/>, so backoff and penalty waits can pass.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);   // a safety net on a loaded machine, not a measurement
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for: {what}");
            if (step is { } s) App.Time.Advance(s);
            await Task.Delay(20);
        }
    }

    public static string S(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        try { await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(40)); }
        catch (TimeoutException) { Assert.Fail("the app did not shut down within 40 s"); }
        await Fake.DisposeAsync();
    }
}
