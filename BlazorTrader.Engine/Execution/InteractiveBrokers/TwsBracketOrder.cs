namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// An entry with a take-profit limit and a protective stop that live at IB, so they hold while BlazorTrader is down.
/// The children point at the parent, share one OCA group, and only the last one transmits: TWS then sends all three
/// together, so no child can work without its siblings.
/// </summary>
internal sealed record TwsBracketOrder(TwsOrder Entry, decimal TakeProfitPrice, decimal StopLossPrice)
{
    /// <summary>A partial fill of one child reduces the other instead of cancelling it, so the rest stays protected.</summary>
    public const int ChildOcaType = 3;

    /// <summary>The three orders in sending order, for ids <paramref name="parentId"/>, +1 and +2.</summary>
    public IReadOnlyList<(int OrderId, TwsOrder Order)> ToOrders(int parentId)
    {
        var exit = Entry.Action.Opposite();
        var ocaGroup = $"bracket-{parentId}";
        var parent = Entry with { Transmit = false, ParentId = 0 };
        var takeProfit = new TwsOrder
        {
            Action = exit,
            TotalQuantity = Entry.TotalQuantity,
            OrderType = "LMT",
            LimitPrice = TakeProfitPrice,
            TimeInForce = Entry.TimeInForce,
            Account = Entry.Account,
            OrderRef = Entry.OrderRef + ":tp",
            ParentId = parentId,
            OcaGroup = ocaGroup,
            OcaType = ChildOcaType,
            Transmit = false,
            OutsideRegularTradingHours = Entry.OutsideRegularTradingHours,
        };
        var stopLoss = takeProfit with
        {
            OrderType = "STP",
            LimitPrice = null,
            AuxPrice = StopLossPrice,
            OrderRef = Entry.OrderRef + ":sl",
            Transmit = true,
        };
        return [(parentId, parent), (parentId + 1, takeProfit), (parentId + 2, stopLoss)];
    }
}
