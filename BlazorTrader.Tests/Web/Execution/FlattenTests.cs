using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.DependencyInjection;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Execution;

public class FlattenTests
{
    [Fact]
    public async Task Flatten_CancelsOpenOrdersFirst_ThenClosesEveryAccountAndRecorderPosition_AndARepeatIsHarmless()
    {
        // Arrange: a recorder long 2 copied to paper, a manual position in another account, a resting limit order
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        var other = await app.CreateAccountAsync("Other");
        var (recorderId, path) = await app.CreateRecorderAsync(new { name = "flat", initialPositionSize = 2, accounts = new[] { new { accountId = paper, multiplier = 1m } } });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await app.PlaceOrderAsync(new { account = other, ticker = "ES1!", side = "sell", quantity = 1, price = 5000, requestId = "short" });
        BlazorTrader.Engine.MarketData.PriceCache prices = (BlazorTrader.Engine.MarketData.PriceCache)app.Services.GetService(typeof(BlazorTrader.Engine.MarketData.PriceCache))!;
        prices.Set(BlazorTrader.Engine.MarketData.Tick.At1("CL1!", 70m, app.Time.GetUtcNow()));
        var resting = await app.PlaceOrderAsync(new { account = other, ticker = "CL1!", side = "buy", quantity = 1, type = "limit", limitPrice = 60m, requestId = "resting" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 1 && (await app.BookAsync(other)).Count == 1
            && await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey == "resting" && i.Status == OrderIntentStatus.Submitted)), "positions and the resting order");

        // Act
        var flatten = await (await client.PostAsJsonAsync("/api/flatten", new { requestId = "eod-1", reason = "test" })).Content.ReadFromJsonAsync<JsonElement>();
        var repeat = await (await client.PostAsJsonAsync("/api/flatten", new { requestId = "eod-1" })).Content.ReadFromJsonAsync<JsonElement>();

        // Assert
        Assert.Equal("accepted", flatten.GetProperty("status").GetString());
        Assert.Equal(1, flatten.GetProperty("ordersCancelled").GetInt32());
        Assert.Equal(1, flatten.GetProperty("recorderPositionsClosed").GetInt32());
        Assert.Equal("duplicate", repeat.GetProperty("status").GetString());
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 0 && (await app.BookAsync(other)).Count == 0, "everything flat");
        Assert.Empty(await app.BrokerPositionsAsync(paper));
        Assert.Empty(await app.BrokerPositionsAsync(other));
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey == "resting" && i.Status == OrderIntentStatus.Cancelled)), "the resting order cancelled");
        Assert.False(await app.DbAsync(db => db.Positions.AnyAsync(p => p.RecorderId == recorderId && p.Status == TradeStatus.Open)));
        Assert.Equal(3, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.Source == "flatten" || i.Source == "manual" && i.IdempotencyKey == "short") ) );
    }

    [Fact]
    public async Task FlattenOfOneInstrumentClass_LeavesTheOthersOpen()
    {
        // Arrange: a future and a stock on paper
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        await app.PlaceOrderAsync(new { account = paper, ticker = "ES1!", side = "buy", quantity = 1, price = 5000, requestId = "fut" });
        await app.PlaceOrderAsync(new { account = paper, ticker = "AAPL", side = "buy", quantity = 10, price = 200, requestId = "stk" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 2, "both fills");
        var engine = app.Services.GetRequiredService<ITradingEngine>();

        // Act
        var outcome = await engine.SendAsync(new FlattenAll("eod:Future:2026-11-18", "end of day", InstrumentKind.Future), TimeSpan.FromSeconds(10));

        // Assert
        Assert.Single(outcome.IntentIds);
        await ExecutionAppFactory.EventuallyAsync(async () => !(await app.BookAsync(paper)).ContainsKey("ES1!"), "the future flat");
        Assert.Equal(new Dictionary<string, decimal> { ["AAPL"] = 10 }, await app.BrokerPositionsAsync(paper));
    }

    [Fact]
    public async Task ClosePosition_ClosesTheRecorderAndItsAccounts_OnceForOneRequestId()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var paper = await app.PaperAccountIdAsync();
        var (_, path) = await app.CreateRecorderAsync(new { name = "closer", accounts = new[] { new { accountId = paper, multiplier = 2m } } });
        using var client = app.ApiClient();
        var (_, open) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"NQ1!","price":20000}""");
        var positionId = open.GetProperty("position").GetProperty("id").GetInt64();
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).GetValueOrDefault("NQ1!") == 2, "the entry");

        // Act
        var first = await (await client.PostAsJsonAsync($"/api/positions/{positionId}/close", new { requestId = "x" })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await client.PostAsJsonAsync($"/api/positions/{positionId}/close", new { requestId = "x" })).Content.ReadFromJsonAsync<JsonElement>();

        // Assert
        Assert.Equal("accepted", first.GetProperty("status").GetString());
        Assert.Equal(1, first.GetProperty("intentIds").GetArrayLength());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("intentIds")[0].GetInt64(), again.GetProperty("intentIds")[0].GetInt64());
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(paper)).Count == 0, "the account flat");
        Assert.Equal(2, await app.DbAsync(db => db.OrderIntents.CountAsync()));
    }
}
