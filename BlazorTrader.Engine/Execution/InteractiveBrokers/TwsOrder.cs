namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// The order fields this client sets; every other PLACE_ORDER field is sent with its default (reference §5.1).
/// <see cref="OrderRef"/> carries the intent's idempotency key so reconciliation can find the order after a crash.
/// </summary>
internal sealed record TwsOrder
{
    public required TwsAction Action { get; init; }
    public required decimal TotalQuantity { get; init; }
    /// <summary>MKT, LMT, STP or "STP LMT".</summary>
    public required string OrderType { get; init; }
    public decimal? LimitPrice { get; init; }
    /// <summary>The stop price for STP and STP LMT.</summary>
    public decimal? AuxPrice { get; init; }
    public string TimeInForce { get; init; } = "DAY";
    public string OcaGroup { get; init; } = "";
    /// <summary>0 none; 1 cancel others with block; 2 reduce others with block; 3 reduce others without block.</summary>
    public int OcaType { get; init; }
    public string Account { get; init; } = "";
    /// <summary>Plain ASCII; the idempotency key of the order intent.</summary>
    public string OrderRef { get; init; } = "";
    /// <summary>False keeps the order in TWS untransmitted; a bracket transmits with its last child.</summary>
    public bool Transmit { get; init; } = true;
    public int ParentId { get; init; }
    public bool OutsideRegularTradingHours { get; init; }
    /// <summary>Per-leg limit prices of a combo; empty puts the whole price on the order (the IB rule for 4 legs).</summary>
    public IReadOnlyList<decimal?> ComboLegPrices { get; init; } = [];
    /// <summary>Smart combo routing parameters, e.g. NonGuaranteed=1 for 2-leg stock/future combos.</summary>
    public IReadOnlyList<TwsTagValue> SmartComboRoutingParams { get; init; } = [];

    public static TwsOrder Market(TwsAction action, decimal quantity, string orderRef) =>
        new() { Action = action, TotalQuantity = quantity, OrderType = "MKT", OrderRef = orderRef };

    public static TwsOrder Limit(TwsAction action, decimal quantity, decimal limitPrice, string orderRef) =>
        new() { Action = action, TotalQuantity = quantity, OrderType = "LMT", LimitPrice = limitPrice, OrderRef = orderRef };

    public static TwsOrder Stop(TwsAction action, decimal quantity, decimal stopPrice, string orderRef) =>
        new() { Action = action, TotalQuantity = quantity, OrderType = "STP", AuxPrice = stopPrice, OrderRef = orderRef };
}
