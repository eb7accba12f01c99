using System.Net.Http.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution;

public class ManualOrderTests
{
    [Fact]
    public async Task FiftyConcurrentPosts_WithOneRequestId_PlaceExactlyOneOrder()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        var body = new { account, ticker = "MNQ1!", side = "buy", quantity = 2, type = "market", price = 21500.25m, requestId = "click-1" };

        // Act
        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.PlaceOrderAsync(body)));

        // Assert
        Assert.All(replies, r => Assert.Equal(200, r.Status));
        Assert.Single(replies, r => r.Body.GetProperty("status").GetString() == "accepted");
        Assert.Equal(49, replies.Count(r => r.Body.GetProperty("status").GetString() == "duplicate"));
        Assert.Single(replies.Select(r => r.Body.GetProperty("intentId").GetInt64()).Distinct());
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).GetValueOrDefault("MNQ1!") == 2, "the fill");
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.ClientOrderRef == "click-1")));
        Assert.Equal(1, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Fact]
    public async Task WebhookScheduledCommandAndManualOrder_RacingForOneKey_PlaceOneOrder()
    {
        // Arrange: a recorder copying to the paper account; the webhook's order key is known in advance
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "racer", accounts = new[] { new { accountId = account, multiplier = 1 } } });
        var alertTime = new DateTimeOffset(2026, 11, 18, 23, 29, 0, TimeSpan.Zero);
        var key = OrderRouter.AccountKey($"wh:{recorderId}:id:Entry:{alertTime.UtcTicks}", account);
        var engine = app.Services.GetRequiredService<ITradingEngine>();
        using var client = app.ApiClient();

        // Act
        var webhook = client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"Entry","time":"2026-11-18T23:29:00Z"}""");
        var scheduled = engine.SendAsync(new PlaceOrder(new OrderTicket(account, "MNQ1!", OrderAction.Buy, 1, OrderType.Market, key, "scheduled",
            ReferencePrice: 21500)), TimeSpan.FromSeconds(10));
        var manual = app.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 1, price = 21500, requestId = key });
        await Task.WhenAll(webhook, scheduled, manual);

        // Assert: whoever came first placed it; the others were told about that one intent
        var intentId = await app.DbAsync(db => db.OrderIntents.Where(i => i.IdempotencyKey == key).Select(i => i.Id).SingleAsync());
        Assert.Equal(intentId, (await scheduled).IntentId);
        Assert.Equal(intentId, (await manual).Body.GetProperty("intentId").GetInt64());
        Assert.Equal([intentId], (await webhook).Body.GetProperty("intentIds").EnumerateArray().Select(e => e.GetInt64()));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).GetValueOrDefault("MNQ1!") == 1, "the fill");
        Assert.Equal(1, await app.DbAsync(db => db.PaperOrders.CountAsync()));
        Assert.Equal(1, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }

    [Fact]
    public async Task KillSwitch_BlocksEntries_ButNotExits_AndIsAudited()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, price = 5000, requestId = "open" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).GetValueOrDefault("ES1!") == 1, "the entry fill");
        using var client = app.ApiClient();

        // Act
        (await client.PostAsJsonAsync("/api/kill-switch", new { on = true, reason = "test" })).EnsureSuccessStatusCode();
        var entry = await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, price = 5000, requestId = "add" });
        var exit = await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "sell", quantity = 1, price = 5001, requestId = "exit" });
        (await client.PostAsJsonAsync("/api/kill-switch", new { on = false })).EnsureSuccessStatusCode();
        var after = await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, price = 5002, requestId = "again" });

        // Assert
        Assert.Equal(422, entry.Status);
        Assert.Contains("kill switch", entry.Body.GetProperty("detail").GetString());
        Assert.Equal("accepted", exit.Body.GetProperty("status").GetString());
        Assert.Equal("accepted", after.Body.GetProperty("status").GetString());
        Assert.True(await app.DbAsync(db => db.AuditLog.AnyAsync(a => a.Category == RiskGate.AuditCategory && a.Message.Contains("kill switch"))));
    }

    [Fact]
    public async Task Bracket_TakeProfitFills_AndCancelsTheStop()
    {
        // Arrange: a price in the cache, a bracket around a market entry
        await using var app = new ExecutionAppFactory();
        var prices = app.Services.GetRequiredService<BlazorTrader.Engine.MarketData.PriceCache>();
        prices.Set(BlazorTrader.Engine.MarketData.Tick.At1("MNQ1!", 21500m, app.Time.GetUtcNow()));
        var account = await app.PaperAccountIdAsync();

        // Act
        var reply = await app.PlaceOrderAsync(new { account, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "br", takeProfitPrice = 21510m, stopLossPrice = 21490m });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).GetValueOrDefault("MNQ1!") == 1, "the entry fill");
        prices.Set(BlazorTrader.Engine.MarketData.Tick.At1("MNQ1!", 21510m, app.Time.GetUtcNow()));
        app.Time.Advance(TimeSpan.FromSeconds(1));   // the paper broker looks at resting orders periodically

        // Assert
        Assert.Equal("accepted", reply.Body.GetProperty("status").GetString());
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the take-profit fill");
        var children = await app.DbAsync(db => db.OrderIntents.Where(i => i.Source == "bracket").ToDictionaryAsync(i => i.IdempotencyKey, i => i.Status));
        Assert.Equal(OrderIntentStatus.Filled, children["br:tp"]);
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey == "br:sl" && i.Status == OrderIntentStatus.Cancelled)), "the stop cancelled");
        Assert.Empty(await app.BrokerPositionsAsync(account));
        Assert.Equal(10m * 2m, await app.DbAsync(db => db.PaperAccounts.Where(a => a.AccountId == account).Select(a => a.RealizedPnl).SingleAsync()));
    }
}

public class ComboOrderTests
{
    [Fact]
    public async Task Combo_FillsEveryLegAtItsOwnPrice_AndBooksEachLegAtTheBroker()
    {
        // Arrange: a calendar-style spread, long ES short MES x2
        await using var app = new ExecutionAppFactory();
        var prices = app.Services.GetRequiredService<BlazorTrader.Engine.MarketData.PriceCache>();
        prices.Set(BlazorTrader.Engine.MarketData.Tick.At1("ES1!", 5000m, app.Time.GetUtcNow()));
        prices.Set(BlazorTrader.Engine.MarketData.Tick.At1("MES1!", 4990m, app.Time.GetUtcNow()));
        var account = await app.PaperAccountIdAsync();

        // Act
        var reply = await app.PlaceOrderAsync(new
        {
            account, ticker = "ES1!", side = "buy", quantity = 1, requestId = "spread",
            legs = new[] { new { ticker = "ES1!", side = "buy", ratio = 1 }, new { ticker = "MES1!", side = "sell", ratio = 2 } },
        });

        // Assert
        Assert.Equal("accepted", reply.Body.GetProperty("status").GetString());
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).Count == 2, "both legs");
        var positions = await app.BrokerPositionsAsync(account);
        Assert.Equal(1m, positions["ES1!"]);
        Assert.Equal(-2m, positions["MES1!"]);
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey == "spread" && i.Status == OrderIntentStatus.Filled)), "the combo filled");
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 2, "both legs booked");
        Assert.Equal(positions, await app.BookAsync(account));
    }
}
