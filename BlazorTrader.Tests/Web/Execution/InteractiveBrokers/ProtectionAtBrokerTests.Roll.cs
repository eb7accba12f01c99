using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

public partial class ProtectionAtBrokerTests
{
    [Fact]
    public async Task Roll_CancelsDecembersStopAndTargetsBeforeItsClose_ThenRestsTheSameLevelsInMarch()
    {
        // Arrange: long 2 MNQ1! bought Tue Dec 1 (December), its stop and targets resting in December; then Fri Dec 11
        var ib = await IbApp.StartAsync(new Dictionary<string, string?> { ["InteractiveBrokers:FrontMonths:MNQ"] = "" },
            fake => fake.WithMnqQuarterlies(), start: new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        ib.Fake.Clock = ib.App.Time;
        var (recorderId, path) = await ib.App.CreateRecorderAsync(Recorder(ib.AccountId));
        await using var p = new Protected(ib, recorderId, path);
        await p.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await p.RestingAsync("December's stop and two targets", r => r.Count == 3);
        var december = p.Resting().ToList();
        var oldPosition = await p.PositionIdAsync();
        ib.App.Time.Advance(TimeSpan.FromDays(10));

        // Act
        using var client = ib.App.ApiClient();
        using var response = await client.PostAsync($"/api/positions/{oldPosition}/roll", null);
        await p.RestingAsync("March's stop and two targets", r => r.Count == 3 && r.All(o => o.LastTradeDate == "202703"));

        // Assert: December's three were cancelled before the December sale reached TWS; March rests the same levels, sized 2
        var newPosition = await p.PositionIdAsync();
        var received = ib.Fake.Received.ToList();
        var decemberIds = december.Select(o => o.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var sale = received.FindIndex(r => r.MessageId == 3 && FakeOrder.Parse([.. r.Fields], IbApp.ClientId) is { Action: "SELL", OrderType: "MKT" });
        var cancelled = received.Select((r, i) => (r, i)).Where(x => x.r.MessageId == 4 && decemberIds.Contains(x.r.Fields[2])).Select(x => x.i).ToList();
        Assert.Equal(("202612", 2m), FakeOrder.Parse([.. received[sale].Fields], IbApp.ClientId) is var o ? (o.LastTradeDate, o.Quantity) : default);
        Assert.Equal(3, cancelled.Count);
        Assert.True(cancelled.Max() < sale, "December's protective orders are cancelled before December is sold");
        Assert.DoesNotContain(ib.Fake.WorkingOrders(), w => decemberIds.Contains(w.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var march = p.Resting();
        Assert.Equal([("STP", 2m, 21498m), ("LMT", 1m, 21502.5m), ("LMT", 1m, 21505m)],
            march.Select(o => (o.OrderType, o.Quantity, D(o.OrderType == "STP" ? o.AuxPrice : o.LimitPrice))));
        Assert.All(march, o => Assert.Equal($"bt-oca-{ib.AccountId}-{newPosition}-0", o.OcaGroup));
        Assert.NotEqual(oldPosition, newPosition);
        Assert.Equal(2m, await p.AccountQuantityAsync());
        Assert.Empty(ib.Fake.Violations);
    }
}
