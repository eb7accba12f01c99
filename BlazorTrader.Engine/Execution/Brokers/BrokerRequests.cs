namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>
/// One order for a broker. <see cref="ClientOrderRef"/> is the intent's idempotency key (IB <c>orderRef</c>):
/// the broker echoes it on every status and execution, so a restart can match what it finds. <see cref="ContractMonth"/>
/// (yyyyMM) pins a continuous ticker's order to the month its position is held in; null trades the front month.
/// </summary>
public sealed record PlaceOrderRequest(
    string ClientOrderRef,
    string Symbol,
    OrderAction Action,
    decimal Quantity,
    OrderType Type,
    decimal? LimitPrice = null,
    decimal? StopPrice = null,
    Bracket? Bracket = null,
    IReadOnlyList<ComboLeg>? Legs = null,
    decimal? ReferencePrice = null,
    bool OutsideRth = false,
    TimeInForce TimeInForce = TimeInForce.Day,
    string? OcaGroup = null,
    string? ContractMonth = null)
{
    public bool IsCombo => Legs is { Count: > 0 };
}

/// <summary>
/// A new size or price for a working order, kept under the same client reference (IB: PLACE_ORDER again with the
/// same order id). Null fields stay as they are.
/// </summary>
public sealed record ModifyOrderRequest(string ClientOrderRef, decimal? Quantity = null, decimal? LimitPrice = null, decimal? StopPrice = null);

public sealed record CancelOrderRequest(string ClientOrderRef);


/// <summary>Protection for a held position: <see cref="Action"/> closes it (Sell for a long).</summary>
public sealed record ProtectionRequest(string ClientOrderRef, string Symbol, OrderAction Action, decimal Quantity, decimal TakeProfitPrice, decimal StopLossPrice);
