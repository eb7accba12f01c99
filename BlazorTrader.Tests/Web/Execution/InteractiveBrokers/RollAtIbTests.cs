using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>
/// Issue 15, "a position opened in a month stays in that month": an MNQ1! position bought on Tue Dec 1 (December, IB's
/// CONTFUT front) is still December after MNQ's roll Thursday (Dec 10), so its close goes to December at TWS while a new
/// entry goes to March; and the one-click roll closes December and buys March at TWS, once however often it is asked.
/// </summary>
public class RollAtIbTests
{
    private static readonly DateTimeOffset TuesdayDec1 = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);   // 10:00 ET

    private static async Task<IbApp> StartAsync()
    {
        var ib = await IbApp.StartAsync(new Dictionary<string, string?> { ["InteractiveBrokers:FrontMonths:MNQ"] = "" },
            fake => fake.WithMnqQuarterlies(), start: TuesdayDec1);
        ib.Fake.Clock = ib.App.Time;
        return ib;
    }

    [Fact]
    public async Task AfterTheRoll_TheDecemberPositionsCloseGoesToDecember_AndTheNextEntryToMarch()
    {
        // Arrange: long 1 MNQ1! bought in December (TWS reports positions per contract month)
        await using var ib = await StartAsync();
        ib.Fake.FuturesByMonth = true;
        await BuyAndFillAsync(ib, 21500m, filled: 1);
        var held = await ib.BookAsync("MNQ1!");

        // Act: Friday Dec 11, March is the front month; a reconciliation, then the recorder closes and buys again
        ib.App.Time.Advance(TimeSpan.FromDays(10));
        await ib.App.Services.GetRequiredService<ITradingEngine>().SendAsync(new ReconcileOrders(TimeSpan.Zero), TimeSpan.FromSeconds(10));
        var differences = await ib.App.DbAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Category == "reconciliation").Select(a => a.Message).ToListAsync());
        await ib.SignalAsync("""{"action":"close","ticker":"MNQ1!","price":21520}""");
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Count(i => i.Status == OrderIntentStatus.Filled) == 2, "the close to fill");
        await BuyAndFillAsync(ib, 21600m, filled: 3);

        // Assert: TWS's December line is the book's MNQ1! (no difference); entry Dec by conId, close Dec by month, new entry March by conId
        Assert.Empty(differences);
        Assert.Equal("202612", held!.ContractMonth);
        Assert.Equal([("BUY", 770001, "202612"), ("SELL", 0, "202612"), ("BUY", 770002, "202703")], Orders(ib).Select(o => (o.Action, o.ConId, o.LastTradeDate)));
        Assert.Equal(("202703", 1m), await MonthAndQuantityAsync(ib));
        Assert.Empty(ib.Fake.Violations);
    }

    [Fact]
    public async Task Roll_ClosesDecemberAndBuysMarchAtTws_Once_AndThePositionGoesOnInMarch()
    {
        // Arrange
        await using var ib = await StartAsync();
        await BuyAndFillAsync(ib, 21500m, filled: 1);
        var positionId = await ib.App.DbAsync(db => db.Positions.Where(p => p.Status == "open").Select(p => p.Id).SingleAsync());
        ib.App.Time.Advance(TimeSpan.FromDays(10));   // Fri Dec 11
        using var client = ib.App.ApiClient();
        var due = (await client.GetJsonAsync("/api/rolls")).GetProperty("items");

        // Act: roll, then the same roll again (a double click, a retried request)
        var (status, rolled) = await PostAsync(client, $"/api/positions/{positionId}/roll");
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Count(i => i.Status == OrderIntentStatus.Filled) == 3, "both legs of the roll to fill");
        var (againStatus, again) = await PostAsync(client, $"/api/positions/{positionId}/roll");

        // Assert: the banner's data named the roll; TWS got SELL December and BUY March, once
        Assert.Equal((positionId, "MNQZ2026", "MNQH2027", true), (due[0].GetProperty("positionId").GetInt64(), due[0].GetProperty("from").GetString(),
            due[0].GetProperty("to").GetString(), due[0].GetProperty("pastRoll").GetBoolean()));
        Assert.Equal((HttpStatusCode.OK, "rolled", "MNQZ2026", "MNQH2027"), (status, rolled.GetProperty("status").GetString(),
            rolled.GetProperty("from").GetString(), rolled.GetProperty("to").GetString()));
        Assert.Equal((HttpStatusCode.OK, "duplicate"), (againStatus, again.GetProperty("status").GetString()));
        Assert.Equal(Ids(rolled), Ids(again));
        var orders = Orders(ib).Select(o => (o.Action, o.LastTradeDate, o.Quantity)).ToList();
        Assert.Equal(("BUY", "202612", 1m), orders[0]);
        Assert.Equal([("BUY", "202703", 1m), ("SELL", "202612", 1m)], orders.Skip(1).Order());   // the two legs go side by side
        Assert.Equal(("202703", 1m), await MonthAndQuantityAsync(ib));

        // ...and the recorder: December's trade exited as the roll, March's position carries on and is not due
        var newId = rolled.GetProperty("positionId").GetInt64();
        var (oldTrade, newPosition) = await ib.App.DbAsync(async db => (
            await db.Trades.AsNoTracking().SingleAsync(t => t.PositionId == positionId),
            await db.Positions.AsNoTracking().SingleAsync(p => p.Id == newId)));
        Assert.Equal(("closed", "roll to MNQH2027"), (oldTrade.Status, oldTrade.ExitReason));
        Assert.Equal(("open", "long", 1m), (newPosition.Status, newPosition.Side, newPosition.TotalQuantity));
        Assert.Equal(0, (await client.GetJsonAsync("/api/rolls")).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(client, $"/api/positions/{newId}/roll")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/api/positions/999999/roll")).Status);
        Assert.Empty(ib.Fake.Violations);
    }

    [Fact]
    public async Task Roll_BeforeItIsDue_Is409_AndSendsNothing()
    {
        // Arrange
        await using var ib = await StartAsync();
        await BuyAndFillAsync(ib, 21500m, filled: 1);
        var positionId = await ib.App.DbAsync(db => db.Positions.Where(p => p.Status == "open").Select(p => p.Id).SingleAsync());
        using var client = ib.App.ApiClient();

        // Act
        var (status, body) = await PostAsync(client, $"/api/positions/{positionId}/roll");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("not due to roll", body.GetProperty("detail").GetString());
        Assert.Single(ib.PlacedOrders);
    }

    private static async Task BuyAndFillAsync(IbApp ib, decimal price, int filled)
    {
        await ib.SignalAsync($$"""{"action":"buy","ticker":"MNQ1!","price":{{IbApp.S(price)}}}""");
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Count(i => i.Status == OrderIntentStatus.Filled) == filled, "the entry to fill");
    }

    private static List<FakeOrder> Orders(IbApp ib) => [.. ib.PlacedOrders.Select(f => FakeOrder.Parse([.. f], IbApp.ClientId))];

    private static async Task<(string?, decimal)> MonthAndQuantityAsync(IbApp ib) => await ib.BookAsync("MNQ1!") is { } b ? (b.ContractMonth, b.Quantity) : (null, 0);

    private static long[] Ids(JsonElement e) => [.. e.GetProperty("intentIds").EnumerateArray().Select(i => i.GetInt64())];

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path)
    {
        using var response = await client.PostAsJsonAsync(path, new { });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
