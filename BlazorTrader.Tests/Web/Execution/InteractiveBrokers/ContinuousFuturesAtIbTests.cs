using System.Text.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>
/// Issue 15 "done when", continuous futures at IB: <c>MNQ1!</c> with no roll table goes to the contract IB's CONTFUT names
/// today, by its conId, and after the roll date to the next one (fake clock shared by the app and the fake TWS);
/// <c>GET /api/instruments/MNQ1!</c> says which month and conId.
/// </summary>
public class ContinuousFuturesAtIbTests
{
    private static readonly DateTimeOffset TuesdayDec1 = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);   // 10:00 ET

    private static Task<IbApp> StartWithoutRollTableAsync() => IbApp.StartAsync(
        new Dictionary<string, string?> { ["InteractiveBrokers:FrontMonths:MNQ"] = "" }, fake => fake.WithMnqQuarterlies(), start: TuesdayDec1);

    [Fact]
    public async Task Mnq1_WithNoRollTable_IsTodaysFrontMonthByConId_AndAfterTheRollDateTheNext_InstrumentsSaysSo()
    {
        // Arrange
        await using var ib = await StartWithoutRollTableAsync();
        ib.Fake.Clock = ib.App.Time;
        using var client = ib.App.ApiClient();
        var ruleBefore = await client.GetJsonAsync("/api/instruments/MNQ1!");

        // Act: a round trip on Tue Dec 1, then an entry on Thu Dec 10 (MNQ's roll Thursday)
        await RoundTripAsync(ib, 21500m);
        var before = await client.GetJsonAsync("/api/instruments/MNQ1!");
        ib.App.Time.Advance(TimeSpan.FromDays(9));
        await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21600}""");
        await ib.EventuallyAsync(() => Task.FromResult(ib.PlacedOrders.Count == 3), "the entry after the roll to go out");
        var after = await client.GetJsonAsync("/api/instruments/MNQ1!");

        // Assert: the wire names the contract by conId (and its month), the endpoint follows IB
        var orders = ib.PlacedOrders.Select(f => FakeOrder.Parse([.. f], IbApp.ClientId)).ToList();
        Assert.Equal([(770001, "202612"), (770001, "202612"), (770002, "202703")], orders.Select(o => (o.ConId, o.LastTradeDate)));
        Assert.Empty(ib.Fake.Violations);
        Assert.Equal(("202612", "listing rule", JsonValueKind.Null), (ruleBefore.GetProperty("contractMonth").GetString(),
            ruleBefore.GetProperty("monthSource").GetString(), ruleBefore.GetProperty("conId").ValueKind));
        Assert.Equal(("202612", "broker", 770001, "2026-12-18"), Described(before));
        Assert.Equal(("202703", "broker", 770002, "2027-03-19"), Described(after));
    }

    [Fact]
    public async Task ConfiguredFrontMonth_StillWins_NoContfutAsked()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync(new Dictionary<string, string?> { ["InteractiveBrokers:FrontMonths:MNQ"] = "202703" },
            fake => fake.WithMnqQuarterlies(), start: TuesdayDec1);
        ib.Fake.Clock = ib.App.Time;

        // Act
        await RoundTripAsync(ib, 21500m);

        // Assert
        Assert.All(ib.PlacedOrders.Select(f => FakeOrder.Parse([.. f], IbApp.ClientId)), o => Assert.Equal((0, "202703"), (o.ConId, o.LastTradeDate)));
        Assert.DoesNotContain(ib.Fake.ReceivedMessages(9), f => f[5] == "CONTFUT");
    }

    private static async Task RoundTripAsync(IbApp ib, decimal price)
    {
        var open = await ib.SignalAsync($$"""{"action":"buy","ticker":"MNQ1!","price":{{IbApp.S(price)}}}""");
        var openId = open.GetProperty("intentIds")[0].GetInt64();
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Any(i => i.Id == openId && i.Status == OrderIntentStatus.Filled), "the entry to fill");
        await ib.SignalAsync($$"""{"action":"close","ticker":"MNQ1!","price":{{IbApp.S(price + 5)}}}""");
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Count(i => i.Status == OrderIntentStatus.Filled) == 2, "the close to fill");
    }

    private static (string?, string?, int, string?) Described(JsonElement e) => (e.GetProperty("contractMonth").GetString(),
        e.GetProperty("monthSource").GetString(), e.GetProperty("conId").GetInt32(), e.GetProperty("lastTradeDate").GetString());
}
