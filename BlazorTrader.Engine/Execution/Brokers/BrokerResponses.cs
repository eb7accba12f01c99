namespace BlazorTrader.Engine.Execution.Brokers;

public enum PlaceOrderResult { Accepted, Rejected }

/// <summary>The broker's answer to a placement; a rejection is an answer, not an exception.</summary>
public sealed record PlaceOrderResponse(PlaceOrderResult Result, string ClientOrderRef, string? BrokerOrderId, string? Reason = null)
{
    public static PlaceOrderResponse Accept(string clientOrderRef, string brokerOrderId) => new(PlaceOrderResult.Accepted, clientOrderRef, brokerOrderId);

    public static PlaceOrderResponse Reject(string clientOrderRef, string reason) => new(PlaceOrderResult.Rejected, clientOrderRef, null, reason);
}

public sealed record CancelOrderResponse(bool Accepted, string ClientOrderRef, string? Reason = null);


public enum BrokerOrderStatus { Working, PartiallyFilled, Filled, Cancelled, Rejected }

/// <summary>An order as the broker sees it; quantities filled so far are cumulative.</summary>
public sealed record BrokerOrder(
    string ClientOrderRef, string BrokerOrderId, string Symbol, OrderAction Action, decimal Quantity, OrderType Type,
    BrokerOrderStatus Status, decimal FilledQuantity, decimal? AvgFillPrice,
    decimal? LimitPrice = null, decimal? StopPrice = null, string? OcaGroup = null);

public sealed record BrokerExecution(
    string ExecutionId, string ClientOrderRef, string BrokerOrderId, string Symbol, OrderAction Action, decimal Quantity, decimal Price,
    DateTime AtUtc, decimal? Commission = null);
