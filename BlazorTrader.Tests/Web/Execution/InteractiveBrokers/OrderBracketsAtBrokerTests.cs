using System.Globalization;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Protection;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>
/// Issue 15: manual orders with takeProfitPrice/stopLossPrice and scheduled strategies' brackets use the protection
/// machinery where the broker rests orders: the entry goes alone; once it fills, a GTC stop and a GTC target rest in one
/// OCA group under references derived from account and entry intent (<c>bt:p:&lt;acct&gt;:m&lt;intent&gt;:0:sl</c>), found by the
/// protection check; one filling cancels the other.
/// </summary>
public class OrderBracketsAtBrokerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private static IReadOnlyList<FakeOrder> Resting(IbApp ib) =>
        [.. ib.Fake.WorkingOrders().Where(o => o.OrderRef.StartsWith(ProtectionPlan.RefPrefix, StringComparison.Ordinal)).OrderBy(o => o.OrderType == "STP" ? 0 : 1)];

    private static decimal D(string wire) => decimal.Parse(wire, CultureInfo.InvariantCulture);

    [Fact]
    public async Task ManualOrderWithTakeProfitAndStop_EntryGoesAlone_ThenGtcStopAndTargetInOneOca_FoundByTheCheck_AStopFillLeavesItFlat()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync();
        ib.Fake.FillPrice = 21500m;

        // Act: buy 2 at market with a target and a stop
        var (status, body) = await ib.App.PlaceOrderAsync(new
        {
            account = ib.AccountId, ticker = "MNQ1!", side = "buy", quantity = 2, takeProfitPrice = 21510m, stopLossPrice = 21490m, requestId = "man-1",
        });
        await ib.EventuallyAsync(() => Task.FromResult(Resting(ib).Count == 2), "the stop and the target to rest", Step);
        var entry = await ib.IntentAsync("man-1");
        await ib.EventuallyAsync(async () => (await ib.IntentsAsync()).Where(i => i.Source == ProtectionKeeper.Source).All(i => i.Status == OrderIntentStatus.Submitted),
            "the protective intents to be submitted", Step);
        var check = await ib.App.Services.GetRequiredService<ITradingEngine>().SendAsync(new CheckProtection(ib.AccountId), TimeSpan.FromSeconds(30));
        var resting = Resting(ib);
        var placedBeforeFill = ib.PlacedOrders.Count;
        await ib.Fake.FillRestingAsync(resting[0].OrderId, 21490m);
        await ib.EventuallyAsync(async () => (await ib.BookAsync("MNQ1!"))?.Quantity == 0m && Resting(ib).Count == 0, "the stop to close the position", Step);

        // Assert: the entry went alone (no DAY bracket), then the protection
        Assert.Equal(200, status);
        var placed = ib.PlacedOrders.Select(f => FakeOrder.Parse([.. f], IbApp.ClientId)).ToList();
        Assert.Equal(("man-1", "MKT", 0, true), (placed[0].OrderRef, placed[0].OrderType, placed[0].ParentId, placed[0].Transmit));
        Assert.DoesNotContain(await ib.IntentsAsync(), i => i.Source == "bracket");
        var prefix = $"bt:p:{ib.AccountId}:m{entry.Id}:0:";
        Assert.Equal(("STP", "SELL", 2m, 21490m, "GTC", prefix + "sl"), (resting[0].OrderType, resting[0].Action, resting[0].Quantity, D(resting[0].AuxPrice), resting[0].Tif, resting[0].OrderRef));
        Assert.Equal(("LMT", "SELL", 2m, 21510m, "GTC", prefix + "tp1"), (resting[1].OrderType, resting[1].Action, resting[1].Quantity, D(resting[1].LimitPrice), resting[1].Tif, resting[1].OrderRef));
        Assert.Equal($"bt-oca-{ib.AccountId}-m{entry.Id}-0", resting[0].OcaGroup);
        Assert.Equal(resting[0].OcaGroup, resting[1].OcaGroup);
        Assert.True((1, 0, 0, 0) == (check.PositionsChecked, check.Placed, check.Modified, check.Cancelled), check.ToString());
        Assert.Equal(3, placedBeforeFill);   // entry, stop, target: the check found them, nothing placed twice
        Assert.Equal(placedBeforeFill, ib.PlacedOrders.Count);   // the stop's fill placed nothing new
        Assert.Empty(ib.Fake.Violations);
    }

    [Fact]
    public async Task ManualSell_OfAProtectedPosition_WaitsForItsStopAndTargetToBeCancelled_ThenTheRestIsProtectedAgain()
    {
        // Arrange: long 2 with a resting stop and target
        await using var ib = await IbApp.StartAsync();
        ib.Fake.FillPrice = 21500m;
        await ib.App.PlaceOrderAsync(new
        {
            account = ib.AccountId, ticker = "MNQ1!", side = "buy", quantity = 2, takeProfitPrice = 21510m, stopLossPrice = 21490m, requestId = "man-1",
        });
        await ib.EventuallyAsync(() => Task.FromResult(Resting(ib).Count == 2), "the stop and the target to rest", Step);
        var first = Resting(ib).Select(o => o.OrderId).ToHashSet();

        // Act: the trader sells 1 by hand
        var (status, _) = await ib.App.PlaceOrderAsync(new { account = ib.AccountId, ticker = "MNQ1!", side = "sell", quantity = 1, requestId = "man-sell" });
        await ib.EventuallyAsync(async () => (await ib.BookAsync("MNQ1!"))?.Quantity == 1m && Resting(ib).Count == 2 && !Resting(ib).Any(o => first.Contains(o.OrderId)),
            "the sale, then the rest protected again", Step);

        // Assert: both cancels reached TWS before the sale; the new stop and target cover the 1 left
        Assert.Equal(200, status);
        var received = ib.Fake.Received.ToList();
        var sale = received.FindIndex(r => r.MessageId == 3 && FakeOrder.Parse([.. r.Fields], IbApp.ClientId).OrderRef == "man-sell");
        var cancels = received.Select((r, i) => (r, i)).Where(x => x.r.MessageId == 4 && first.Contains(int.Parse(x.r.Fields[2], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(2, cancels.Count);
        Assert.True(cancels.Max(c => c.i) < sale, "the protective orders are cancelled before the manual sale goes");
        Assert.All(Resting(ib), o => Assert.Equal(1m, o.Quantity));
        Assert.Empty(ib.Fake.Violations);
    }

    [Fact]
    public async Task ManualSell_HeldForTheCancels_IsDropped_WhenTheBrokersStopClosesThePositionMeanwhile()
    {
        // Arrange: long 2 protected; TWS takes cancels without answering them
        await using var ib = await IbApp.StartAsync();
        ib.Fake.FillPrice = 21500m;
        await ib.App.PlaceOrderAsync(new
        {
            account = ib.AccountId, ticker = "MNQ1!", side = "buy", quantity = 2, takeProfitPrice = 21510m, stopLossPrice = 21490m, requestId = "man-1",
        });
        await ib.EventuallyAsync(() => Task.FromResult(Resting(ib).Count == 2), "the stop and the target to rest", Step);
        ib.Fake.AnswerCancels = false;

        // Act: the trader sells 1; before the cancels are answered the stop fills (its OCA cancels the target)
        await ib.App.PlaceOrderAsync(new { account = ib.AccountId, ticker = "MNQ1!", side = "sell", quantity = 1, requestId = "man-sell" });
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.ReceivedMessages(4).Count >= 2), "the cancels to reach TWS", Step);
        await ib.Fake.FillRestingAsync(Resting(ib)[0].OrderId, 21490m);
        await ib.IntentStatusAsync("man-sell", OrderIntentStatus.Cancelled, Step);

        // Assert: flat once, the sale never went
        Assert.Equal(0m, (await ib.BookAsync("MNQ1!"))?.Quantity);
        Assert.DoesNotContain(ib.PlacedOrders, f => FakeOrder.Parse([.. f], IbApp.ClientId).OrderRef == "man-sell");
        Assert.Contains("closed the position first", (await ib.IntentAsync("man-sell")).Reason);
    }

    [Fact]
    public async Task ScheduledEntryBracket_ShortRestsABuyStopAboveAndABuyTargetBelow_TheTimeExitCancelsThemFirst_FlatOnce()
    {
        // Arrange: what StrategyEntryJob sends for a short entry with its bracket
        await using var ib = await IbApp.StartAsync();
        ib.Fake.FillPrice = 21500m;
        var engine = ib.App.Services.GetRequiredService<ITradingEngine>();
        var ticket = new OrderTicket(ib.AccountId, "MNQ1!", OrderAction.Sell, 1, OrderType.Market, "sched:1:2026-11-25:entry", "scheduled",
            ReferencePrice: 21500m, Bracket: new Bracket(21480m, 21512m));

        // Act
        var outcome = await engine.SendAsync(new PlaceOrder(ticket), TimeSpan.FromSeconds(30));
        await ib.EventuallyAsync(() => Task.FromResult(Resting(ib).Count == 2), "the stop and the target to rest", Step);
        var resting = Resting(ib);
        var exit = await engine.SendAsync(new CloseScheduledEntry(ticket.IdempotencyKey, "sched:1:2026-11-25:exit"), TimeSpan.FromSeconds(30));
        await ib.EventuallyAsync(async () => (await ib.BookAsync("MNQ1!"))?.Quantity == 0m && Resting(ib).Count == 0, "the time exit to close the position", Step);

        // Assert
        Assert.Equal(PlaceOrderStatus.Accepted, outcome.Status);
        Assert.Equal(("STP", "BUY", 1m, 21512m, "GTC"), (resting[0].OrderType, resting[0].Action, resting[0].Quantity, D(resting[0].AuxPrice), resting[0].Tif));
        Assert.Equal(("LMT", "BUY", 1m, 21480m, "GTC"), (resting[1].OrderType, resting[1].Action, resting[1].Quantity, D(resting[1].LimitPrice), resting[1].Tif));
        Assert.Equal((ScheduledExitStatus.Accepted, 1m), (exit.Status, exit.Quantity));
        var cancels = ib.Fake.ReceivedMessages(4).Select(f => int.Parse(f[2], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(resting.Select(o => o.OrderId).Order(), cancels.Order());
        // The cancels went out before the time exit's BUY.
        var wire = ib.Fake.Received.Select(r => r.Fields).Where(f => f[0] is "3" or "4").ToList();
        Assert.True(wire.FindLastIndex(f => f[0] == "4") < wire.FindIndex(f => f[0] == "3" && f[26] == "sched:1:2026-11-25:exit"));
        await Task.Delay(200);
        Assert.Equal(0m, (await ib.BookAsync("MNQ1!"))!.Quantity);   // flat once: not reversed by a late protective order
    }
}
