using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Protection;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Tests.Engine.Execution.Protection;

public class ProtectionPlanTests
{
    /// <summary>Recorder long 4 MNQ @ 21500: TP1 21502.50 (50%), TP2 21505 (50%), stop 21498.</summary>
    private static ProtectedTrade Trade(decimal open = 4, bool tp1Filled = false, decimal stop = 21498m) =>
        new(4, open, stop, [new ProtectedTarget(21502.5m, 50, tp1Filled), new ProtectedTarget(21505m, 50, false)]);

    private static BrokerOrder AtBroker(ProtectiveOrder o, decimal? quantity = null, decimal? price = null) => new(
        o.OrderRef, "1", "MNQ1!", o.Action, quantity ?? o.Quantity, o.Type, BrokerOrderStatus.Working, 0, null,
        o.Type == OrderType.Limit ? price ?? o.Price : null, o.Type == OrderType.Stop ? price ?? o.Price : null, o.OcaGroup);

    [Fact]
    public void EntryFill_OneGtcStopForTheWholeSize_AndATargetPerLevelWithTheAccountsShareOfItsTrim_InOneOcaGroup()
    {
        // Account copies at 2x: it holds 8
        var plan = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]);

        Assert.Equal([("sl", OrderType.Stop, 8m, 21498m), ("tp1", OrderType.Limit, 4m, 21502.5m), ("tp2", OrderType.Limit, 4m, 21505m)],
            plan.Select(o => (o.Level, o.Type, o.Quantity, o.Price)));
        Assert.All(plan, o => Assert.Equal((OrderAction.Sell, "bt-oca-3-11-0"), (o.Action, o.OcaGroup)));
        Assert.Equal(["bt:p:3:11:0:sl", "bt:p:3:11:0:tp1", "bt:p:3:11:0:tp2"], plan.Select(o => o.OrderRef));
        var request = plan[0].ToRequest("MNQ1!");
        Assert.Equal((TimeInForce.Gtc, "bt-oca-3-11-0", 21498m), (request.TimeInForce, request.OcaGroup, request.StopPrice));
    }

    [Fact]
    public void WholeContracts_ThePartsNeverExceedWhatTheAccountHolds()
    {
        // Recorder 4, account 1 (a quarter): 0.5 + 0.5 rounds to 1 at TP1 and nothing left for TP2
        var plan = ProtectionPlan.Desired(3, 11, 1, Side.Long, [Trade()]);

        Assert.Equal([("sl", 1m), ("tp1", 1m)], plan.Select(o => (o.Level, o.Quantity)));
    }

    [Fact]
    public void TheSameStateAfterARestart_GivesTheSameReferences_SoNothingIsPlacedAgain()
    {
        var before = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]);
        var atBroker = before.Select(o => AtBroker(o)).ToList();

        var after = ProtectionDiff.Compute(ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]), atBroker, 3, 11);

        Assert.Empty(after);
    }

    [Fact]
    public void Trim_TheOcaFillCancelledTheGroup_TheRestIsPlacedAfreshUnderTheNextGeneration()
    {
        // TP1 filled at the broker (4 of 8): OCA type 1 cancelled the stop and TP2; the recorder has 2 of 4 open.
        // Generation 1; levels count the remaining targets, nearest first, so the old TP2 is now tp1.
        var plan = ProtectionPlan.Desired(3, 11, 4, Side.Long, [Trade(open: 2, tp1Filled: true)]);

        var actions = ProtectionDiff.Compute(plan, [], 3, 11);

        Assert.Equal([(ProtectionActionKind.Place, "bt:p:3:11:1:sl", 4m), (ProtectionActionKind.Place, "bt:p:3:11:1:tp1", 4m)],
            actions.Select(a => (a.Kind, a.OrderRef, a.Order!.Quantity)));
    }

    [Fact]
    public void Add_ResizesByTheSameReference_StopFirst()
    {
        // DCA: the recorder adds a second trade of 4 with the same levels; the account goes from 8 to 16
        var resting = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]).Select(o => AtBroker(o)).ToList();

        var actions = ProtectionDiff.Compute(ProtectionPlan.Desired(3, 11, 16, Side.Long, [Trade(), Trade()]), resting, 3, 11);

        Assert.Equal([(ProtectionActionKind.Modify, "bt:p:3:11:0:sl", 16m), (ProtectionActionKind.Modify, "bt:p:3:11:0:tp1", 8m),
            (ProtectionActionKind.Modify, "bt:p:3:11:0:tp2", 8m)], actions.Select(a => (a.Kind, a.OrderRef, a.Order!.Quantity)));
    }

    [Theory]
    [InlineData(21500, "break-even")]
    [InlineData(21499.25, "a trailing step")]
    public void AMovedStop_IsOneModifyOfTheStopsPrice(decimal newStop, string why)
    {
        var resting = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]).Select(o => AtBroker(o)).ToList();

        var actions = ProtectionDiff.Compute(ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade(stop: newStop)]), resting, 3, 11);

        var modify = Assert.Single(actions);
        Assert.Equal((ProtectionActionKind.Modify, "bt:p:3:11:0:sl", newStop), (modify.Kind, modify.OrderRef, modify.Order!.Price));
        Assert.StartsWith("price", modify.Why, StringComparison.Ordinal);
        Assert.NotEmpty(why);
    }

    [Fact]
    public void Close_CancelsEveryProtectiveOrderOfThePosition_AndNoOther()
    {
        var ours = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]).Select(o => AtBroker(o));
        var otherPosition = ProtectionPlan.Desired(3, 12, 1, Side.Long, [Trade()]).Select(o => AtBroker(o));
        var otherAccount = ProtectionPlan.Desired(4, 11, 1, Side.Long, [Trade()]).Select(o => AtBroker(o));

        var actions = ProtectionDiff.Compute(ProtectionPlan.Desired(3, 11, 0, Side.Long, []), [.. ours, .. otherPosition, .. otherAccount], 3, 11);

        Assert.Equal(["bt:p:3:11:0:sl", "bt:p:3:11:0:tp1", "bt:p:3:11:0:tp2"], actions.Select(a => a.OrderRef));
        Assert.All(actions, a => Assert.Equal(ProtectionActionKind.Cancel, a.Kind));
    }

    [Fact]
    public void Flip_TheOldPositionsOrdersGo_TheNewPositionGetsBuyToCoverOrders_StopPlacedFirst()
    {
        var old = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]).Select(o => AtBroker(o)).ToList();
        var shortTrade = new ProtectedTrade(2, 2, 21510m, [new ProtectedTarget(21495m, 100, false)]);

        var closeOld = ProtectionDiff.Compute([], old, 3, 11);
        var openNew = ProtectionDiff.Compute(ProtectionPlan.Desired(3, 12, -2, Side.Short, [shortTrade]), old, 3, 12);

        Assert.Equal(3, closeOld.Count(a => a.Kind == ProtectionActionKind.Cancel));
        Assert.Equal([("bt:p:3:12:0:sl", OrderType.Stop, OrderAction.Buy, 21510m), ("bt:p:3:12:0:tp1", OrderType.Limit, OrderAction.Buy, 21495m)],
            openNew.Select(a => (a.OrderRef, a.Order!.Type, a.Order.Action, a.Order.Price)));
    }

    [Fact]
    public void AnOrderThatCannotBeModified_IsReplaced_AndTheMissingStopGoesBeforeEverythingElse()
    {
        // The broker holds TP1 as a stop (wrong type) and no stop at all
        var plan = ProtectionPlan.Desired(3, 11, 8, Side.Long, [Trade()]);
        var wrong = AtBroker(plan[1]) with { Type = OrderType.Stop, StopPrice = 21502.5m, LimitPrice = null };

        var actions = ProtectionDiff.Compute(plan, [wrong, AtBroker(plan[2])], 3, 11);

        Assert.Equal([(ProtectionActionKind.Place, "bt:p:3:11:0:sl"), (ProtectionActionKind.Cancel, "bt:p:3:11:0:tp1"), (ProtectionActionKind.Place, "bt:p:3:11:0:tp1")],
            actions.Select(a => (a.Kind, a.OrderRef)));
    }

    [Fact]
    public void References_ReadBack_ToAccountAndPosition()
    {
        Assert.True(ProtectionPlan.TryParseRef("bt:p:3:11:2:tp1", out var account, out var position));
        Assert.Equal((3L, 11L), (account, position));
        Assert.False(ProtectionPlan.TryParseRef("intent-77", out _, out _));
    }
}
