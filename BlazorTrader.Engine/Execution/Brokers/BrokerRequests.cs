namespace BlazorTrader.Engine.Execution.Brokers;

public enum OrderAction { Buy, Sell }

public enum OrderType { Market, Limit, Stop }

/// <summary>
/// One order for a broker. <see cref="ClientOrderRef"/> is the intent's idempotency key (IB <c>orderRef</c>):
/// the broker echoes it on every status and execution, so a restart can match what it finds.
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
    decimal? ReferencePrice = null)
{
    public bool IsCombo => Legs is { Count: > 0 };
}

/// <summary>Protective children placed with the entry: a take-profit limit and a stop, one cancels the other.</summary>
public sealed record Bracket(decimal? TakeProfitPrice, decimal? StopLossPrice);

/// <summary>One leg of a multi-leg order; the parent quantity times <see cref="Ratio"/> trades on this leg.</summary>
public sealed record ComboLeg(string Symbol, OrderAction Action, int Ratio);

public sealed record CancelOrderRequest(string ClientOrderRef);

/// <summary>A working order's new quantity and prices; the order keeps its client reference.</summary>
public sealed record ModifyOrderRequest(string ClientOrderRef, decimal Quantity, OrderType Type, decimal? LimitPrice = null, decimal? StopPrice = null);

/// <summary>Protection for a held position: <see cref="Action"/> closes it (Sell for a long).</summary>
public sealed record ProtectionRequest(string ClientOrderRef, string Symbol, OrderAction Action, decimal Quantity, decimal TakeProfitPrice, decimal StopLossPrice);
