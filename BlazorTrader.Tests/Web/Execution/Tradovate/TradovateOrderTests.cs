using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution.Tradovate;

/// <summary>Issue 18 "done when", end to end: a recorder copying to two Tradovate accounts under one login (multipliers 1 and 2),
/// through the real app, against a fake Tradovate (REST and websocket) on loopback.</summary>
public class TradovateOrderTests
{
    private const string Buy = """{"action":"buy","ticker":"MNQ1!","price":21500}""";

    [Fact]
    public async Task ApiKeyLogin_TwoAccountsShareOneLoginAndOneSocket_TestAndHealthShowTheState()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync();
        using var client = tv.App.ApiClient();

        // Act
        var test = await (await client.PostAsync($"/api/accounts/{tv.One}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        var health = await client.GetJsonAsync("/health");

        // Assert: one accesstokenrequest, one socket, one sync naming the user; never a second login
        Assert.Equal(1, tv.Fake.Logins);
        Assert.Equal(1, tv.Fake.SocketsAccepted);
        Assert.Equal(1, tv.Fake.SyncRequests);
        Assert.Contains($"\"users\":[{FakeTradovateServer.UserId}]", tv.Fake.SyncBodies.Single());
        Assert.Equal("connected", test.GetProperty("connection").GetString());
        Assert.Equal(new[] { FakeTradovateServer.AccountOne, FakeTradovateServer.AccountTwo }, test.GetProperty("managedAccounts").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal(50_000m, test.GetProperty("summary").GetProperty("cash").GetDecimal());
        var broker = health.GetProperty("components").GetProperty("broker").GetProperty("data");
        Assert.StartsWith("connected: Tradovate demo: synced", broker.GetProperty("Tradovate one").GetString());
        Assert.StartsWith("connected: Tradovate demo: synced", broker.GetProperty("Tradovate two").GetString());
    }

    [Fact]
    public async Task RecorderEntry_CopiesToBothAccounts_WithMultipliers_IsAutomatedAndClOrdId_FillsMoveBookAndPnl()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync();

        // Act: open long 1 (x1, x2), then close 10 points higher
        var open = await tv.SignalAsync(Buy);
        await tv.EventuallyAsync(async () => (await tv.IntentsAsync(tv.Two)).Any(i => i.Status == OrderIntentStatus.Filled)
            && (await tv.IntentsAsync(tv.One)).Any(i => i.Status == OrderIntentStatus.Filled), "both entries to fill");
        var afterEntry = (await tv.App.BrokerPositionsAsync(tv.One), await tv.App.BrokerPositionsAsync(tv.Two));
        tv.Fake.Venue.FillPrice = 21510.25m;
        await tv.SignalAsync("""{"action":"close","ticker":"MNQ1!","price":21510}""");
        await tv.EventuallyAsync(async () => (await tv.IntentsAsync(tv.Two)).Count(i => i.Status == OrderIntentStatus.Filled) == 2
            && (await tv.IntentsAsync(tv.One)).Count(i => i.Status == OrderIntentStatus.Filled) == 2, "both closes to fill");

        // Assert: the wire
        Assert.Equal(2, open.GetProperty("intentIds").GetArrayLength());
        var one = tv.PlacementsOf(FakeTradovateServer.AccountOne);
        var two = tv.PlacementsOf(FakeTradovateServer.AccountTwo);
        Assert.Equal(2, one.Count);
        Assert.Equal(2, two.Count);
        var entryOne = (await tv.IntentsAsync(tv.One))[0];
        Assert.All(one.Concat(two), p => Assert.Equal(("placeorder", true, "MNQZ6", "Market"),
            (p.Path, (bool)p.Body["isAutomated"]!, (string)p.Body["symbol"]!, (string)p.Body["orderType"]!)));
        Assert.Equal((entryOne.IdempotencyKey, "Buy", 1), ((string)one[0].Body["clOrdId"]!, (string)one[0].Body["action"]!, (int)one[0].Body["orderQty"]!));
        Assert.Equal(("Buy", 2), ((string)two[0].Body["action"]!, (int)two[0].Body["orderQty"]!));
        Assert.Equal(("Sell", 2), ((string)two[1].Body["action"]!, (int)two[1].Body["orderQty"]!));
        // Positions and P&L: the broker's and the engine's book agree
        Assert.Equal((1m, 2m), (afterEntry.Item1["MNQ1!"], afterEntry.Item2["MNQ1!"]));
        Assert.Equal(21500.25m, entryOne.AvgFillPrice);
        var (bookOne, bookTwo) = (await tv.BookAsync(tv.One, "MNQ1!"), await tv.BookAsync(tv.Two, "MNQ1!"));
        Assert.Equal((0m, 20m), (bookOne!.Quantity, bookOne.RealizedPnl));    // 10 points x $2 x 1
        Assert.Equal((0m, 40m), (bookTwo!.Quantity, bookTwo.RealizedPnl));    // x 2
        Assert.Empty(await tv.App.BrokerPositionsAsync(tv.Two));
        await tv.EventuallyAsync(async () => (await tv.AccountSummaryAsync(tv.Two)).GetProperty("realizedPnl").GetDecimal() == 40m, "the fake's cash balance event");
    }

    [Fact]
    public async Task BracketEntry_GoesAsOnePlaceOso_LegsRestAtTheFake_AndAfterFillOcoRests_ModifyAndCancelReachIt()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync(arrange: f => f.FillMarketOrders = false);
        var broker = Broker(tv, tv.One);

        // Act: a limit entry with take-profit and stop; then protection for a held position as an OCO; then move its stop, cancel it
        var bracket = await tv.App.PlaceOrderAsync(new
        {
            account = tv.One, ticker = "MNQZ2026", side = "buy", quantity = 1, type = "limit", limitPrice = 21400.1m,
            takeProfitPrice = 21450m, stopLossPrice = 21380m, requestId = "br-1",
        });
        await tv.IntentStatusAsync(tv.One, "br-1", OrderIntentStatus.Submitted);
        var oco = await broker.PlaceProtectionAsync(new ProtectionRequest("prot-1", "CME_MINI:MNQ1!", OrderAction.Sell, 1, 21550m, 21450m), default);
        var modified = await broker.ModifyOrderAsync(new ModifyOrderRequest("prot-1:sl", 1, StopPrice: 21460m), default);
        Assert.True(modified.Result == PlaceOrderResult.Accepted, modified.Reason);
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.Placements.Any(p => p.Path == "modifyorder")), "the modify");
        var cancelled = await broker.CancelOrderAsync(new CancelOrderRequest("prot-1:tp"), default);

        // Assert: one placeOSO with both legs (price on the tick grid), legs held at the fake until the entry fills
        Assert.Equal(200, bracket.Status);
        var oso = tv.Fake.Placements.Single(p => p.Path == "placeOSO").Body;
        Assert.Equal(("br-1", "Limit", 21400m, true), ((string)oso["clOrdId"]!, (string)oso["orderType"]!, (decimal)oso["price"]!, (bool)oso["isAutomated"]!));
        Assert.Equal(("Sell", "Limit", 21450m, "br-1:tp"), ((string)oso["bracket1"]!["action"]!, (string)oso["bracket1"]!["orderType"]!, (decimal)oso["bracket1"]!["price"]!, (string)oso["bracket1"]!["clOrdId"]!));
        Assert.Equal(("Sell", "Stop", 21380m, "br-1:sl"), ((string)oso["bracket2"]!["action"]!, (string)oso["bracket2"]!["orderType"]!, (decimal)oso["bracket2"]!["stopPrice"]!, (string)oso["bracket2"]!["clOrdId"]!));
        Assert.Equal(2, tv.Fake.Venue.Orders(o => (string)o["ordStatus"]! == "Suspended").Count);
        // The OCO: two resting GTC orders, linked, each with its clOrdId
        Assert.Equal(PlaceOrderResult.Accepted, oco.Result);
        var ocoBody = tv.Fake.Placements.Single(p => p.Path == "placeOCO").Body;
        Assert.Equal(("prot-1:tp", "Limit", 21550m, "MNQZ6"), ((string)ocoBody["clOrdId"]!, (string)ocoBody["orderType"]!, (decimal)ocoBody["price"]!, (string)ocoBody["symbol"]!));
        Assert.Equal(("prot-1:sl", "Stop", 21450m), ((string)ocoBody["other"]!["clOrdId"]!, (string)ocoBody["other"]!["orderType"]!, (decimal)ocoBody["other"]!["stopPrice"]!));
        Assert.True(modified.Result == PlaceOrderResult.Accepted, modified.Reason);
        var modify = tv.Fake.Placements.Single(p => p.Path == "modifyorder").Body;
        Assert.Equal((21460m, true), ((decimal)modify["stopPrice"]!, (bool)modify["isAutomated"]!));
        Assert.True(cancelled.Accepted, cancelled.Reason);
        Assert.Equal("Canceled", tv.Fake.Venue.Status(long.Parse(oco.BrokerOrderId!)));
    }

    [Fact]
    public async Task PlacementAcceptedThenTimedOut_IsFoundByClOrdId_AndNeverSentTwice()
    {
        // Arrange: the fake creates the order (and sends its events) but answers after the client's 2 s timeout
        await using var tv = await TradovateApp.StartAsync(arrange: f => f.DelayNextPlacementAnswer = TimeSpan.FromSeconds(5));

        // Act
        var placed = await tv.App.PlaceOrderAsync(new { account = tv.One, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "slow-1" });
        await tv.IntentStatusAsync(tv.One, "slow-1", OrderIntentStatus.Filled);

        // Assert
        Assert.Equal(200, placed.Status);
        Assert.Single(tv.Fake.Placements, p => p.Path == "placeorder");
        Assert.Equal(1m, (await tv.BookAsync(tv.One, "MNQ1!"))!.Quantity);
        var intent = (await tv.IntentsAsync(tv.One)).Single();
        Assert.Equal(1m, intent.FilledQuantity);
        Assert.NotNull(intent.BrokerOrderId);
    }

    [Fact]
    public async Task SocketDroppedMidFill_Reconnects_Resyncs_AndTheFillIsAppliedOnce()
    {
        // Arrange: the fake delivers the order's first five events (up to "New"), then drops every socket without a close frame
        await using var tv = await TradovateApp.StartAsync();
        tv.Fake.DropAfterEvents = 5;

        // Act
        await tv.App.PlaceOrderAsync(new { account = tv.Two, ticker = "MNQ1!", side = "buy", quantity = 3, requestId = "mid-fill" });
        await tv.IntentStatusAsync(tv.Two, "mid-fill", OrderIntentStatus.Filled);
        await tv.ConnectedAsync();
        await tv.App.PlaceOrderAsync(new { account = tv.Two, ticker = "MNQ1!", side = "sell", quantity = 1, requestId = "after-resync" });
        await tv.IntentStatusAsync(tv.Two, "after-resync", OrderIntentStatus.Filled);

        // Assert: a second socket with a fresh sync, on the same token; the fill counted once
        Assert.Equal(2, tv.Fake.SocketsAccepted);
        Assert.Equal(2, tv.Fake.SyncRequests);
        Assert.Equal(1, tv.Fake.Logins);
        Assert.Equal(2m, (await tv.BookAsync(tv.Two, "MNQ1!"))!.Quantity);
        Assert.Equal(3m, (await tv.IntentsAsync(tv.Two))[0].FilledQuantity);
        Assert.Equal(2m, (await tv.App.BrokerPositionsAsync(tv.Two))["MNQ1!"]);
    }

    [Fact]
    public async Task Token_IsRenewedBeforeExpiry_SameSession_AndNoOrderIsLost()
    {
        // Arrange: tokens live 15 min; renewal is due 10 min before expiry
        await using var tv = await TradovateApp.StartAsync(arrange: f => f.TokenLifetime = TimeSpan.FromMinutes(15));

        // Act: past the renewal point, then past the first token's expiry, then an order
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.Renewals >= 1), "the renewal", step: TimeSpan.FromSeconds(30));
        tv.App.Time.Advance(TimeSpan.FromMinutes(11));
        var placed = await tv.App.PlaceOrderAsync(new { account = tv.One, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "after-renewal" });
        await tv.IntentStatusAsync(tv.One, "after-renewal", OrderIntentStatus.Filled);

        // Assert: renewed, never logged in again, the order went with a live token
        Assert.Equal(200, placed.Status);
        Assert.Equal(1, tv.Fake.Logins);
        var placement = Assert.Single(tv.Fake.Placements);
        Assert.NotEqual("tok-1", placement.Token);
        Assert.Equal(1, tv.Fake.SocketsAccepted);
    }

    [Fact]
    public async Task PenaltyTicket_IsWaitedOut_ThenTheSameOrderGoesOnceWithItsTicket()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync(arrange: f => f.PenaltyNextPlacementSeconds = 5);

        // Act: the clock moves a second at a time until the penalty is over
        await tv.App.PlaceOrderAsync(new { account = tv.One, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "penalized" });
        await tv.IntentStatusAsync(tv.One, "penalized", OrderIntentStatus.Filled, step: TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(1, tv.Fake.PenaltiesIssued);
        var placement = Assert.Single(tv.Fake.Placements);
        Assert.StartsWith("tkt-", (string)placement.Body["p-ticket"]!);
        Assert.Equal("penalized", (string)placement.Body["clOrdId"]!);
    }

    [Fact]
    public async Task WebhookStorm_SendsOneOrderPerAccount()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync();
        using var client = tv.App.ApiClient();

        // Act: 20 copies of one alert at once
        var posts = Enumerable.Range(0, 20).Select(_ => client.PostWebhookAsync(tv.WebhookPath, Buy)).ToList();
        await Task.WhenAll(posts);
        await tv.EventuallyAsync(async () => (await tv.IntentsAsync(tv.Two)).Any(i => i.Status == OrderIntentStatus.Filled)
            && (await tv.IntentsAsync(tv.One)).Any(i => i.Status == OrderIntentStatus.Filled), "the fills");

        // Assert
        Assert.Single(tv.PlacementsOf(FakeTradovateServer.AccountOne));
        Assert.Single(tv.PlacementsOf(FakeTradovateServer.AccountTwo));
        Assert.Equal(2m, (await tv.BookAsync(tv.Two, "MNQ1!"))!.Quantity);
    }

    [Fact]
    public async Task Flatten_GoesAsLiquidatePosition_AndTheAccountEndsFlat()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync();
        await tv.SignalAsync(Buy);
        await tv.EventuallyAsync(async () => (await tv.BookAsync(tv.Two, "MNQ1!"))?.Quantity == 2, "the entry");

        // Act
        using var client = tv.App.ApiClient();
        var flatten = await client.PostAsJsonAsync("/api/flatten", new { requestId = "flat-1", reason = "test" });
        await tv.EventuallyAsync(async () => (await tv.BookAsync(tv.Two, "MNQ1!"))?.Quantity == 0 && (await tv.BookAsync(tv.One, "MNQ1!"))?.Quantity == 0, "flat");

        // Assert
        Assert.True(flatten.IsSuccessStatusCode);
        var liquidations = tv.Fake.Placements.Where(p => p.Path == "liquidateposition").ToList();
        Assert.Equal(2, liquidations.Count);
        Assert.All(liquidations, l => Assert.Equal((FakeTradovateServer.FrontContractId, false), ((long)l.Body["contractId"]!, (bool)l.Body["admin"]!)));
        Assert.Equal(0m, tv.Fake.Venue.NetPos(FakeTradovateServer.AccountIds[1], FakeTradovateServer.FrontContractId));
    }

    [Fact]
    public async Task WrongPassword_IsReportedClearly_AndOrdersAreRejectedNotHeld()
    {
        // Arrange: the login's password is wrong
        await using var tv = await TradovateApp.StartAsync(waitConnected: false, password: "wrong");
        using var client = tv.App.ApiClient();
        await tv.EventuallyAsync(async () => (await client.GetJsonAsync("/health")).GetProperty("components").GetProperty("broker").GetProperty("data")
            .GetProperty("Tradovate one").GetString()!.Contains("refused the login"), "the refusal in /health");

        // Act
        await tv.App.PlaceOrderAsync(new { account = tv.One, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "refused" });
        await tv.IntentStatusAsync(tv.One, "refused", OrderIntentStatus.Rejected);

        // Assert
        Assert.Contains("Incorrect username or password", (await tv.IntentsAsync(tv.One)).Single().Reason);
        Assert.Empty(tv.Fake.Placements);
        Assert.Equal("disconnected", (await tv.AccountAsync(tv.One)).GetProperty("connection").GetString());
        Assert.Equal(1, tv.Fake.Logins);   // a refused login is not retried with the same credentials (that earns a penalty)
    }

    internal static IBroker Broker(TradovateApp tv, long accountId) =>
        tv.App.Services.GetRequiredService<BrokerRegistry>().TryGet(accountId, out var broker) ? broker : throw new InvalidOperationException("no broker");
}
