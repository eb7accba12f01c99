using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>Issue 9 "done when", end to end: a recorder copying to an IB account, through the real app, against a fake TWS on loopback.</summary>
public class InteractiveBrokersOrderTests
{
    private const int PlaceOrderFields = 114;

    [Fact]
    public async Task Account_ConnectsAndIsReady_TestReportsServerVersionAndManagedAccounts_HealthShowsIt()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync();
        using var client = ib.App.ApiClient();

        // Act
        var test = await (await client.PostAsync($"/api/accounts/{ib.AccountId}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        var health = await client.GetJsonAsync("/health");

        // Assert: handshake v100..178, START_API with the account's client id, ready after ids and accounts
        Assert.Equal("v100..178", ib.Fake.Handshakes.First().Split(' ')[0]);
        Assert.Contains(IbApp.ClientId, ib.Fake.StartApiClientIds);
        Assert.Equal("connected", test.GetProperty("connection").GetString());
        Assert.Equal(178, test.GetProperty("serverVersion").GetInt32());
        Assert.Equal(FakeTwsServer.Account, test.GetProperty("managedAccounts")[0].GetString());
        Assert.Equal((999000.5m, 1000123.45m), (test.GetProperty("summary").GetProperty("cash").GetDecimal(), test.GetProperty("summary").GetProperty("netLiquidation").GetDecimal()));
        Assert.Contains("reconciled", health.GetProperty("components").GetProperty("broker").GetProperty("data").GetProperty("IB paper").GetString());
    }

    [Fact]
    public async Task RecorderEntry_GoesOutAsOneMktOrderWithTheIntentKey_SubmittedThenFilled_CloseRealizesPnl()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync();
        ib.Fake.FillPrice = 21500.25m;

        // Act: open long 1, then close at 10 points higher
        var open = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var openId = open.GetProperty("intentIds")[0].GetInt64();
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Any(i => i.Id == openId && i.Status == OrderIntentStatus.Filled), "the entry to fill");
        ib.Fake.FillPrice = 21510.25m;
        await ib.SignalAsync("""{"action":"close","ticker":"MNQ1!","price":21510}""");
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Count(i => i.Status == OrderIntentStatus.Filled) == 2, "the close to fill");

        // Assert: the wire, the intents, the account's book
        var entry = (await ib.IntentsAsync()).Single(i => i.Id == openId);
        var placed = ib.PlacedOrders;
        Assert.Equal(2, placed.Count);
        Assert.All(placed, f => Assert.Equal(PlaceOrderFields, f.Length));
        Assert.Empty(ib.Fake.Violations);
        var first = FakeOrder.Parse([.. placed[0]], IbApp.ClientId);
        Assert.Equal(("MNQ", "FUT", "202603", "CME", "BUY", 1m, "MKT", entry.IdempotencyKey, true),
            (first.Symbol, first.SecType, first.LastTradeDate, first.Exchange, first.Action, first.Quantity, first.OrderType, first.OrderRef, first.Transmit));
        Assert.Equal(FakeTwsServer.Account, first.Account);
        Assert.Equal("SELL", placed[1][16]);
        Assert.NotNull(entry.SubmittedAt);
        Assert.Equal(21500.25m, entry.AvgFillPrice);
        var book = await ib.BookAsync("MNQ1!");
        Assert.Equal(0m, book!.Quantity);
        Assert.Equal(20m, book.RealizedPnl);   // 10 points x $2
    }

    [Fact]
    public async Task LimitAndBracketOrders_HaveExactFieldCounts_AndTheBracketsEntryGoesAlone_ItsLevelsWaitForTheFill()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync();

        // Act
        var limit = await ib.App.PlaceOrderAsync(new { account = ib.AccountId, ticker = "MNQ1!", side = "buy", quantity = 2, type = "limit", limitPrice = 21400.5m, requestId = "lmt-1" });
        var bracket = await ib.App.PlaceOrderAsync(new
        {
            account = ib.AccountId, ticker = "MNQZ2026", side = "sell", quantity = 1, type = "limit", limitPrice = 21600m,
            takeProfitPrice = 21550m, stopLossPrice = 21650m, requestId = "br-1",
        });
        await ib.Fake.WaitForReceivedAsync(3, 2);
        await ib.IntentStatusAsync("br-1", OrderIntentStatus.Submitted);

        // Assert: IB rests protection, so the take-profit and stop are not a DAY bracket but GTC protection after the fill
        // (OrderBracketsAtBrokerTests); the levels stay on the entry's intent
        Assert.Equal(200, limit.Status);
        Assert.Equal(200, bracket.Status);
        var orders = ib.PlacedOrders.Select(f => FakeOrder.Parse([.. f], IbApp.ClientId)).ToList();
        Assert.All(ib.PlacedOrders, f => Assert.Equal(PlaceOrderFields, f.Length));
        Assert.Equal(2, orders.Count);
        Assert.Equal(("lmt-1", "LMT", "21400.5", 2m, true), (orders[0].OrderRef, orders[0].OrderType, orders[0].LimitPrice, orders[0].Quantity, orders[0].Transmit));
        var parent = orders[1];
        Assert.Equal(("br-1", "202612", "SELL", "LMT", "21600", true, 0), (parent.OrderRef, parent.LastTradeDate, parent.Action, parent.OrderType, parent.LimitPrice, parent.Transmit, parent.ParentId));
        var entry = await ib.IntentAsync("br-1");
        Assert.Equal((21550m, 21650m), (entry.TakeProfitPrice, entry.StopLossPrice));
        Assert.DoesNotContain(await ib.IntentsAsync(), i => i.IdempotencyKey.StartsWith("br-1:", StringComparison.Ordinal));
        Assert.Equal(OrderIntentStatus.Submitted, (await ib.IntentAsync("lmt-1")).Status);
    }

    [Fact]
    public async Task DuplicateClientId_IsReportedClearly_AndOrdersAreRejectedNotHeld()
    {
        // Arrange: another API client holds client id 7
        await using var ib = await IbApp.StartAsync(arrangeFake: f => f.OccupyClientId(IbApp.ClientId), waitConnected: false);
        using var client = ib.App.ApiClient();

        // Act
        var health = await Eventually.ReturnsAsync(() => client.GetJsonAsync("/health"),
            h => h.GetProperty("components").GetProperty("broker").GetProperty("detail").GetString()!.Contains("326"), "the 326 in /health");
        var entry = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var id = entry.GetProperty("intentIds")[0].GetInt64();
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Any(i => i.Id == id && i.Status == OrderIntentStatus.Rejected), "the rejection");

        // Assert
        Assert.Contains("client id 7 is already in use (326)", health.GetProperty("components").GetProperty("broker").GetProperty("detail").GetString());
        Assert.Equal("disconnected", (await ib.AccountAsync()).GetProperty("connection").GetString());
        Assert.Contains("326", (await ib.IntentsAsync()).Single().Reason);
        Assert.Empty(ib.PlacedOrders);
    }

    [Fact]
    public async Task UnknownMessageIds_AreSkipped_AndTheSessionGoesOn()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync();

        // Act: two message ids this client does not know, then an order
        await ib.Fake.SendToAllAsync("999", "1", "whatever", "");
        await ib.Fake.SendToAllAsync("87", "1", "2", "3");
        await ib.App.PlaceOrderAsync(new { account = ib.AccountId, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "after-unknown" });

        // Assert
        await ib.IntentStatusAsync("after-unknown", OrderIntentStatus.Filled);
        Assert.Equal("connected", (await ib.AccountAsync()).GetProperty("connection").GetString());
        Assert.Single(ib.PlacedOrders);
    }

    [Fact]
    public async Task SpxDoubleCalendar_GoesOutAsOneBagOrder_LegsResolvedByContractDetailsOnce()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync(arrangeFake: f => f.FillMarketOrders = false);
        object[] legs =
        [
            new { ticker = "SPXW261120P05800000", side = "sell", ratio = 1 }, new { ticker = "SPXW261127P05800000", side = "buy", ratio = 1 },
            new { ticker = "SPXW261120C06100000", side = "sell", ratio = 1 }, new { ticker = "SPXW261127C06100000", side = "buy", ratio = 1 },
        ];

        // Act: the same calendar twice
        await ib.App.PlaceOrderAsync(new { account = ib.AccountId, ticker = "SPX", side = "buy", quantity = 1, requestId = "cal-1", legs });
        await ib.App.PlaceOrderAsync(new { account = ib.AccountId, ticker = "SPX", side = "buy", quantity = 1, requestId = "cal-2", legs });
        await ib.IntentStatusAsync("cal-2", OrderIntentStatus.Submitted);
        // Submitted means sent; the fake may still be reading the second PLACE_ORDER off the socket.
        await ib.EventuallyAsync(() => Task.FromResult(ib.PlacedOrders.Count >= 2), "both BAG orders to reach the fake");

        // Assert: contract details once per leg (cached), then BAG orders the fake counted field by field
        var details = ib.Fake.ReceivedMessages(9);
        Assert.Equal(4, details.Count);
        Assert.All(details, d => Assert.Equal(("SPX", "OPT", "SPXW", "SMART"), (d[4], d[5], d[14], d[10])));
        Assert.Equal(("20261120", "5800", "P"), (details[0][6], details[0][7], details[0][8]));
        var placed = ib.PlacedOrders;
        Assert.Equal(2, placed.Count);
        Assert.Empty(ib.Fake.Violations);
        Assert.All(placed, f => Assert.Equal(("BAG", "4"), (f[4], f[35])));
        Assert.Equal(["cal-1", "cal-2"], placed.Select(f => f[26]).Order());   // the two submissions race
        Assert.All(placed, f => Assert.Equal(("SELL", "BUY", "SELL", "BUY"), (f[38], f[46], f[54], f[62])));
    }
}
