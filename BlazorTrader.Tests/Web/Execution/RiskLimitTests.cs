using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// Limits count per trade date of the instrument (issue 15): a CME future's session opens at 18:00 ET the evening before,
/// so Wednesday 18:30 ET (23:30 UTC, the start) is already Thursday's trade date, one hour later (past midnight UTC) still
/// is, and Friday's trade date starts at 18:00 ET Thursday (23:00 UTC).
/// </summary>
public class RiskLimitTests
{
    private static readonly TimeSpan PastMidnightUtc = TimeSpan.FromHours(1);     // 00:30 UTC Thursday, 19:30 ET Wednesday: trade date Thursday
    private static readonly TimeSpan NextTradingDay = TimeSpan.FromHours(24);    // 23:30 UTC Thursday, 18:30 ET Thursday: trade date Friday

    [Fact]
    public async Task MaxEntriesPerDay_BlocksAcrossMidnightUtc_AndResetsOnTheNextTradingDay()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "one a day", maxEntriesPerDay = 1 });
        using var client = app.ApiClient();

        // Act
        var first = await Signal(client, path, "buy", "MNQ1!", 21500);
        await Signal(client, path, "close", "MNQ1!", 21505);
        app.Time.Advance(PastMidnightUtc);
        var second = await Signal(client, path, "buy", "MNQ1!", 21510);
        app.Time.Advance(NextTradingDay - PastMidnightUtc);
        var nextDay = await Signal(client, path, "buy", "MNQ1!", 21520);

        // Assert
        Assert.Equal("accepted", first);
        Assert.Equal("ignored", second);
        Assert.Equal("accepted", nextDay);
        await AssertAuditedAndNotified(app, recorderId, "max entries per day");
    }

    [Fact]
    public async Task BlockReentryAfterClose_BlocksTheClosedSymbolOnly_UntilTheNextTradingDay()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "no re-entry", blockReentryAfterClose = true });
        using var client = app.ApiClient();

        // Act
        await Signal(client, path, "buy", "ES1!", 5000);
        await Signal(client, path, "close", "ES1!", 5001);
        app.Time.Advance(PastMidnightUtc);
        var sameSymbol = await Signal(client, path, "buy", "ES1!", 5002);
        var otherSymbol = await Signal(client, path, "buy", "NQ1!", 20000);
        app.Time.Advance(NextTradingDay - PastMidnightUtc);
        var nextDay = await Signal(client, path, "buy", "ES1!", 5003);

        // Assert
        Assert.Equal(("ignored", "accepted", "accepted"), (sameSymbol, otherSymbol, nextDay));
        await AssertAuditedAndNotified(app, recorderId, "re-entry into ES1! is blocked");
    }

    [Fact]
    public async Task MaxDailyLoss_HaltsEntriesForTheDay_ExitsStillGo_AndResetsNextDay()
    {
        // Arrange: MNQ is $2 a point; a 60-point loss on one contract is -$120
        await using var app = new ExecutionAppFactory();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "loss capped" });
        using var client = app.ApiClient();
        (await client.PutAsJsonAsync($"/api/recorders/{recorderId}/limits", new { maxDailyLoss = 100m })).EnsureSuccessStatusCode();

        // Act
        await Signal(client, path, "buy", "MNQ1!", 21500);
        var atLimitExit = await Signal(client, path, "close", "MNQ1!", 21440);
        app.Time.Advance(PastMidnightUtc);
        var blocked = await Signal(client, path, "sell", "MNQ1!", 21430);
        app.Time.Advance(NextTradingDay - PastMidnightUtc);
        var nextDay = await Signal(client, path, "sell", "MNQ1!", 21420);

        // Assert
        Assert.Equal(("accepted", "ignored", "accepted"), (atLimitExit, blocked, nextDay));
        await AssertAuditedAndNotified(app, recorderId, "max daily loss");
    }

    [Fact]
    public async Task MaxPositionSize_BlocksTheAddThatWouldExceedIt()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "small", initialPositionSize = 2, addPositionSize = 1 });
        using var client = app.ApiClient();
        (await client.PutAsJsonAsync($"/api/recorders/{recorderId}/limits", new { maxPositionSize = 2m })).EnsureSuccessStatusCode();

        // Act
        var open = await Signal(client, path, "buy", "ES1!", 5000);
        var add = await Signal(client, path, "buy", "ES1!", 5001);
        var reduce = await Signal(client, path, "sell", "ES1!", 5002, quantity: 1);

        // Assert
        Assert.Equal(("accepted", "ignored", "accepted"), (open, add, reduce));
        await AssertAuditedAndNotified(app, recorderId, "max position size");
    }

    [Fact]
    public async Task AccountLimits_BlockThatAccountsEntry_TheRecorderAndOtherAccountsStillTrade()
    {
        // Arrange: the limited account may enter once per trading day
        await using var app = new ExecutionAppFactory();
        var free = await app.PaperAccountIdAsync();
        var limited = await app.CreateAccountAsync("Limited", limits: new { maxEntriesPerDay = 1 });
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "copier", accounts = new[] { new { accountId = free, multiplier = 1m }, new { accountId = limited, multiplier = 1m } },
        });
        using var client = app.ApiClient();

        // Act
        await Signal(client, path, "buy", "MNQ1!", 21500);
        await Signal(client, path, "close", "MNQ1!", 21501);
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.Status == OrderIntentStatus.Filled)) == 4, "the round trips");
        app.Time.Advance(PastMidnightUtc);
        var again = await Signal(client, path, "buy", "MNQ1!", 21502);
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(free)).GetValueOrDefault("MNQ1!") == 1, "the free account's fill");
        // Read before the next day's manual order, which may fill at once
        var limitedBook = await app.BookAsync(limited);
        var manualBlocked = await app.PlaceOrderAsync(new { account = limited, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21502, requestId = "m-1" });
        app.Time.Advance(NextTradingDay - PastMidnightUtc);
        var manualNextDay = await app.PlaceOrderAsync(new { account = limited, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21503, requestId = "m-2" });

        // Assert
        Assert.Equal("accepted", again);
        Assert.Empty(limitedBook);
        Assert.Equal(422, manualBlocked.Status);
        Assert.Equal("accepted", manualNextDay.Body.GetProperty("status").GetString());
        Assert.True(await app.DbAsync(db => db.AuditLog.AnyAsync(a => a.Category == RiskGate.AuditCategory && a.Message.Contains("account 'Limited'"))));
    }

    [Fact]
    public async Task AccountReentryAndDailyLoss_BlockManualEntries_UntilTheNextTradingDay()
    {
        // Arrange: ES is $50 a point; a 3-point loss is -$150, past the $100 limit
        await using var app = new ExecutionAppFactory();
        var reentry = await app.CreateAccountAsync("No re-entry", limits: new { blockReentryAfterClose = true });
        var capped = await app.CreateAccountAsync("Capped", limits: new { maxDailyLoss = 100 });
        foreach (var (account, exit) in new[] { (reentry, 5001m), (capped, 4997m) })
        {
            await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, price = 5000, requestId = $"in-{account}" });
            await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 1, "the entry");
            await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "sell", quantity = 1, price = exit, requestId = $"out-{account}" });
            await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the exit");
        }
        app.Time.Advance(PastMidnightUtc);

        // Act
        var sameSymbol = await app.PlaceOrderAsync(new { account = reentry, ticker = "ES1!", side = "sell", quantity = 1, price = 5000, requestId = "re-1" });
        var otherSymbol = await app.PlaceOrderAsync(new { account = reentry, ticker = "NQ1!", side = "buy", quantity = 1, price = 20000, requestId = "re-2" });
        var afterLoss = await app.PlaceOrderAsync(new { account = capped, ticker = "NQ1!", side = "buy", quantity = 1, price = 20000, requestId = "cap-1" });
        app.Time.Advance(NextTradingDay - PastMidnightUtc);
        var nextDayReentry = await app.PlaceOrderAsync(new { account = reentry, ticker = "ES1!", side = "sell", quantity = 1, price = 5000, requestId = "re-3" });
        var nextDayCapped = await app.PlaceOrderAsync(new { account = capped, ticker = "NQ1!", side = "buy", quantity = 1, price = 20000, requestId = "cap-2" });

        // Assert
        Assert.Equal((422, 200, 422), (sameSymbol.Status, otherSymbol.Status, afterLoss.Status));
        Assert.Contains("re-entry into ES1!", sameSymbol.Body.GetProperty("detail").GetString());
        Assert.Contains("max daily loss", afterLoss.Body.GetProperty("detail").GetString());
        Assert.Equal((200, 200), (nextDayReentry.Status, nextDayCapped.Status));
    }

    [Fact]
    public async Task KillSwitch_MakesWebhookEntriesIgnored_ButTheirClosesStillApply()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "halted" });
        using var client = app.ApiClient();
        await Signal(client, path, "buy", "MNQ1!", 21500);

        // Act
        (await client.PostAsJsonAsync("/api/kill-switch", new { on = true, reason = "runaway" })).EnsureSuccessStatusCode();
        var entry = await Signal(client, path, "buy", "ES1!", 5000);
        var close = await Signal(client, path, "close", "MNQ1!", 21505);

        // Assert
        Assert.Equal(("ignored", "accepted"), (entry, close));
        await AssertAuditedAndNotified(app, recorderId, "kill switch is on (runaway)");
    }

    private static async Task<string> Signal(HttpClient client, string path, string action, string ticker, decimal price, decimal? quantity = null)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?> { ["action"] = action, ["ticker"] = ticker, ["price"] = price, ["quantity"] = quantity }
            .Where(kv => kv.Value is not null).ToDictionary());
        var (status, json) = await client.PostWebhookAsync(path, body);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        return json.GetProperty("status").GetString()!;
    }

    private static async Task AssertAuditedAndNotified(ExecutionAppFactory app, long recorderId, string reason)
    {
        var audit = await app.DbAsync(db => db.AuditLog.Where(a => a.Category == RiskGate.AuditCategory && a.RecorderId == recorderId).ToListAsync());
        Assert.Single(audit);
        Assert.Contains(reason, audit[0].Message);
        var inApp = app.Services.GetRequiredService<InAppNotifier>();
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(inApp.Recent.Any(n => n.Kind == NotificationKind.LimitHit && n.Message.Contains(reason))), "the limit notification");
    }
}
