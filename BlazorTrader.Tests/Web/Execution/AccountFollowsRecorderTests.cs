using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// Issue 13: the account follows its recorder whatever dies when. A "crash" stops the host at a kill point (a broker
/// decorator that never answers is the point between the commit and the broker hand-off), then a new app starts on the
/// same data directory, its fake clock set to when it comes back.
/// </summary>
public sealed class AccountFollowsRecorderTests : IDisposable
{
    private const string Entry = """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"L1","time":"2026-11-18T23:30:00Z"}""";
    private const string Exit = """{"action":"close","ticker":"MNQ1!","price":21510,"id":"X1","time":"2026-11-18T23:31:00Z"}""";
    private readonly string _data = Directory.CreateTempSubdirectory("bt-follow-").FullName;

    [Fact]
    public async Task KillAfterTheSignalCommit_BeforeTheBrokerHandOff_AYoungEntryReachesEveryAccountOnce_AndAResendNamesTheSameIntents()
    {
        // Arrange: a recorder copying to two paper accounts (x1, x2); the webhook is answered, nothing reaches a broker
        long one, two;
        string path;
        JsonElement first;
        await using (var app = new ExecutionAppFactory(_data, new NeverSubmitDecorator()))
        {
            (one, two, path) = await CopierAsync(app);
            using var client = app.ApiClient();
            (_, first) = await client.PostWebhookAsync(path, Entry);
        }
        SqliteConnection.ClearAllPools();

        // Act: back 10 s later; the whole alert is resent
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddSeconds(10));
        await ExecutionAppFactory.EventuallyAsync(async () => (await second.BrokerPositionsAsync(one)).GetValueOrDefault("MNQ1!") == 1
            && (await second.BrokerPositionsAsync(two)).GetValueOrDefault("MNQ1!") == 2, "both accounts at recorder x multiplier");
        using var again = second.ApiClient();
        var (_, resent) = await again.PostWebhookAsync(path, Entry);

        // Assert
        var intents = first.GetProperty("intentIds").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal(2, intents.Count);
        Assert.Equal("duplicate", resent.GetProperty("status").GetString());
        Assert.Equal(intents, resent.GetProperty("intentIds").EnumerateArray().Select(e => e.GetInt64()).ToList());
        Assert.Equal(2, await second.DbAsync(db => db.OrderIntents.CountAsync()));
        Assert.Equal(2, await second.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(1, await second.DbAsync(db => db.Signals.CountAsync()));
    }

    [Fact]
    public async Task KillAfterTheClosingSignalCommit_TheAccountsAreClosed_EvenAnHourLater()
    {
        // Arrange: open and filled everywhere; then the close is answered and the process dies before any broker saw it
        long one, two;
        string path;
        await using (var app = new ExecutionAppFactory(_data))
        {
            (one, two, path) = await CopierAsync(app);
            using var client = app.ApiClient();
            await client.PostWebhookAsync(path, Entry);
            await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(two)).GetValueOrDefault("MNQ1!") == 2
                && (await app.BookAsync(one)).GetValueOrDefault("MNQ1!") == 1, "the entry fills");
        }
        SqliteConnection.ClearAllPools();
        await using (var app = new ExecutionAppFactory(_data, new NeverSubmitDecorator()))
        {
            using var client = app.ApiClient();
            var (status, _) = await client.PostWebhookAsync(path, Exit);
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }
        SqliteConnection.ClearAllPools();

        // Act
        await using var third = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddHours(1));

        // Assert: exits are never dropped
        await ExecutionAppFactory.EventuallyAsync(async () => (await third.BrokerPositionsAsync(one)).Count == 0
            && (await third.BrokerPositionsAsync(two)).Count == 0, "both accounts flat at the broker");
        Assert.Equal(4, await third.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(await third.BrokerPositionsAsync(two), await third.BookAsync(two));
        Assert.False(await third.DbAsync(db => db.Positions.AnyAsync(p => p.Status == "open")));
    }

    [Fact]
    public async Task AnEntryOlderThanTheDelay_IsReported_NotSent_AndSyncAccountToRecorderSendsIt()
    {
        // Arrange: the entry is committed, then the app is down for 5 minutes
        long one, two;
        await using (var app = new ExecutionAppFactory(_data, new NeverSubmitDecorator()))
        {
            (one, two, var path) = await CopierAsync(app);
            using var client = app.ApiClient();
            await client.PostWebhookAsync(path, Entry);
        }
        SqliteConnection.ClearAllPools();

        // Act
        await using var second = new ExecutionAppFactory(_data, start: ExecutionAppFactory.WednesdayEvening.AddMinutes(5));
        await second.ReadyAsync();
        var reported = await second.DbAsync(db => db.AuditLog.Where(a => a.Category == "reconciliation").Select(a => a.Message).ToListAsync());
        var before = await second.BrokerPositionsAsync(one);
        using var api = second.ApiClient();
        var sync = await api.PostAsync($"/api/accounts/{one}/sync", null);

        // Assert: nothing was sent on its own; the difference is on record; the trader's click sends exactly the difference
        Assert.Empty(before);
        Assert.Contains(reported, m => m.Contains($"Account {one} MNQ1!") && m.Contains("was not sent"));
        Assert.Equal(200, (int)sync.StatusCode);
        Assert.Single((await sync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("intentIds").EnumerateArray());
        await ExecutionAppFactory.EventuallyAsync(async () => (await second.BrokerPositionsAsync(one)).GetValueOrDefault("MNQ1!") == 1, "the synced entry");
        Assert.Empty(await second.BrokerPositionsAsync(two));
        Assert.All(await second.DbAsync(db => db.OrderIntents.Where(i => i.Source == "webhook").ToListAsync()),
            i => Assert.Equal(OrderIntentStatus.Cancelled, i.Status));
    }

    private static async Task<(long One, long Two, string Path)> CopierAsync(ExecutionAppFactory app)
    {
        var one = await app.PaperAccountIdAsync();
        var two = await app.CreateAccountAsync("Double");
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "copier", accounts = new[] { new { accountId = one, multiplier = 1m }, new { accountId = two, multiplier = 2m } },
        });
        return (one, two, path);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
