using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Tests.Web.Scheduling;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// Who closed a position is on its trades (manual close, flatten all, kill switch), a close is a position command on the
/// book (no made-up signal), and the Control Center's account close and order cancel are engine commands too.
/// </summary>
public class ClosingActorsTests
{
    [Fact]
    public async Task ManualClose_IsBookedAsManualClose_WithoutASignal_AndItsAccountFollowsOnce()
    {
        // Arrange: a recorder long 2 (two trades) copied to paper
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "closer", accounts = new[] { new { accountId = paper, multiplier = 1m } } });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":5000}""");
        var (_, open) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":5002}""");
        var positionId = open.GetProperty("position").GetProperty("id").GetInt64();
        app.SetPrice("ES1!", 5010m);
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).GetValueOrDefault("ES1!") == 2, "the copies");
        var signals = await app.DbAsync(db => db.Signals.CountAsync());

        // Act
        using var response = await client.PostAsJsonAsync($"/api/positions/{positionId}/close", new { requestId = "ui-1" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await client.PostAsJsonAsync($"/api/positions/{positionId}/close", new { requestId = "ui-1" })).Content.ReadFromJsonAsync<JsonElement>();

        // Assert: both trades exit at the live price as "manual close"; no signal row was made up; the account goes flat once
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal(body.GetProperty("intentIds")[0].GetInt64(), again.GetProperty("intentIds")[0].GetInt64());
        var trades = await app.DbAsync(db => db.Trades.Where(t => t.RecorderId == recorderId).ToListAsync());
        Assert.All(trades, t => Assert.Equal(("manual close", 5010m, TradeStatus.Closed), (t.ExitReason, t.ExitPrice!.Value, t.Status)));
        Assert.Equal(2, trades.Count);
        Assert.Equal(signals, await app.DbAsync(db => db.Signals.CountAsync()));
        var position = await app.DbAsync(db => db.Positions.SingleAsync(p => p.Id == positionId));
        Assert.Equal((TradeStatus.Closed, 10m * 50 + 8m * 50), (position.Status, position.RealizedPnl));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 0, "the account flat");
        Assert.Equal(3, await app.DbAsync(db => db.OrderIntents.CountAsync()));   // two copies in, one out
        var closed = await (await client.PostAsJsonAsync($"/api/positions/{positionId}/close", new { requestId = "ui-2" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Position not open", closed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task FlattenAll_AndTheKillSwitch_NameThemselvesOnTheTradesTheyClose()
    {
        // Arrange: two recorders, each long
        await using var app = new ExecutionAppFactory();
        var (first, firstPath) = await app.CreateRecorderAsync(new { name = "one" });
        var (second, secondPath) = await app.CreateRecorderAsync(new { name = "two" });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(firstPath, """{"action":"buy","ticker":"MNQ1!","price":21500}""");

        // Act 1: flatten all (the API's default reason)
        (await client.PostAsJsonAsync("/api/flatten", new { requestId = "f-1" })).EnsureSuccessStatusCode();
        await client.PostWebhookAsync(secondPath, """{"action":"sell","ticker":"ES1!","price":5000}""");
        // Act 2: the kill switch, asked to flatten too
        using var kill = await client.PostAsJsonAsync("/api/kill-switch", new { on = true, reason = "runaway", flatten = true, requestId = "k-1" });
        var entry = await client.PostWebhookAsync(secondPath, """{"action":"sell","ticker":"ES1!","price":5001}""");

        // Assert
        kill.EnsureSuccessStatusCode();
        Assert.Equal("flatten all", await ExitReasonAsync(app, first));
        Assert.Equal(ManualTradingHandler.KillSwitchReason, await ExitReasonAsync(app, second));
        Assert.Equal("ignored", entry.Body.GetProperty("status").GetString());   // still on: no new entry
        Assert.False(await app.DbAsync(db => db.Positions.AnyAsync(p => p.Status == TradeStatus.Open)));
        var log = app.Services.GetRequiredService<EngineEventHub>().RecentLog.Select(l => l.Message).ToList();
        Assert.Contains(log, m => m.StartsWith("two: kill switch: short 1 ES1! closed at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountPositionClose_CancelsItsOrdersFirst_ClosesAtMarket_AndARepeatIsADuplicate()
    {
        // Arrange: a manual long on paper with a resting take-profit limit above it, and a position in another symbol
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        app.SetPrice("MNQ1!", 21500m);
        app.SetPrice("ES1!", 5000m);
        await app.PlaceOrderAsync(new { account = paper, ticker = "MNQ1!", side = "buy", quantity = 2, requestId = "in" });
        await app.PlaceOrderAsync(new { account = paper, ticker = "ES1!", side = "buy", quantity = 1, requestId = "other" });
        var resting = await app.PlaceOrderAsync(new { account = paper, ticker = "MNQ1!", side = "sell", quantity = 2, type = "limit", limitPrice = 21600m, requestId = "tp" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 2
            && await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey == "tp" && i.Status == OrderIntentStatus.Submitted)), "the fills and the resting order");
        using var client = app.ApiClient();

        // Act
        using var response = await client.PostAsJsonAsync($"/api/accounts/{paper}/positions/MNQ1!/close", new { requestId = "c-1" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await client.PostAsJsonAsync($"/api/accounts/{paper}/positions/MNQ1!/close", new { requestId = "c-1" })).Content.ReadFromJsonAsync<JsonElement>();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        await ExecutionAppFactory.EventuallyAsync(async () => !(await app.BookAsync(paper)).ContainsKey("MNQ1!"), "MNQ flat");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey == "tp" && i.Status == OrderIntentStatus.Cancelled)), "the resting order cancelled");
        Assert.Equal(new Dictionary<string, decimal> { ["ES1!"] = 1 }, await app.BookAsync(paper));
        var close = await app.DbAsync(db => db.OrderIntents.SingleAsync(i => i.Source == FlattenHandler.ManualClose));
        Assert.Equal((OrderAction.Sell, 2m, $"close:c-1:acct:{paper}:MNQ1!"), (close.Action, close.Quantity, close.IdempotencyKey));
        Assert.Equal(3 + 1, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Theory]
    [InlineData("/api/accounts/{paper}/positions/bad%20ticker/close", 400, "symbol")]
    [InlineData("/api/accounts/999/positions/MNQ1!/close", 404, null)]
    [InlineData("/api/accounts/{paper}/positions/MNQ1!/close", 409, null)]
    public async Task AccountPositionClose_OfWhatIsNotThere_IsA4xx(string route, int status, string? field)
    {
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        using var client = app.ApiClient();

        using var response = await client.PostAsJsonAsync(route.Replace("{paper}", paper.ToString(System.Globalization.CultureInfo.InvariantCulture)), new { requestId = "x" });

        Assert.Equal(status, (int)response.StatusCode);
        if (field is not null) Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CancelOrder_CancelsAWorkingOrder_AndRefusesOneThatIsNotWorking()
    {
        // Arrange: a resting limit far below the market
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        app.SetPrice("CL1!", 70m);
        var resting = await app.PlaceOrderAsync(new { account = paper, ticker = "CL1!", side = "buy", quantity = 1, type = "limit", limitPrice = 60m, requestId = "low" });
        var id = resting.Body.GetProperty("intentId").GetInt64();
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == id && i.Status == OrderIntentStatus.Submitted)), "working");
        using var client = app.ApiClient();

        // Act
        using var cancel = await client.PostAsync($"/api/orders/{id}/cancel", null);
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.Id == id && i.Status == OrderIntentStatus.Cancelled)), "cancelled");
        using var twice = await client.PostAsync($"/api/orders/{id}/cancel", null);
        using var unknown = await client.PostAsync("/api/orders/12345/cancel", null);

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (cancel.StatusCode, twice.StatusCode, unknown.StatusCode));
        Assert.Empty(await app.BookAsync(paper));
        Assert.Contains(app.Services.GetRequiredService<EngineEventHub>().RecentLog, l => l.Message.StartsWith("Cancel sent: buy 1 CL1! limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManualOrder_LogsItsSendingAndItsFill_WithTheAccountsName()
    {
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        var name = await app.DbAsync(db => db.Accounts.Where(a => a.Id == paper).Select(a => a.Name).SingleAsync());
        app.SetPrice("ES1!", 5000.25m);

        await app.PlaceOrderAsync(new { account = paper, ticker = "ES1!", side = "buy", quantity = 1, requestId = "logged" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 1, "the fill");

        var hub = app.Services.GetRequiredService<EngineEventHub>();
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(hub.RecentLog.Any(l => l.Message.Contains(" filled at ", StringComparison.Ordinal))), "the fill's line");
        var lines = hub.RecentLog.Select(l => l.Message).ToList();
        Assert.Contains($"{name}: manual buy 1 ES1! market sent (order 1)", lines);
        Assert.Contains(lines, l => l.StartsWith($"{name}: manual buy 1 ES1! filled at 5000.25", StringComparison.Ordinal));
    }

    private static Task<string?> ExitReasonAsync(ExecutionAppFactory app, long recorderId) =>
        app.DbAsync(db => db.Trades.Where(t => t.RecorderId == recorderId).Select(t => t.ExitReason).SingleAsync());
}
