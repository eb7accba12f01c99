namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>Something the broker reported on its own (not as the answer to a call).</summary>
public abstract record BrokerEvent(long AccountId, DateTimeOffset At);

/// <summary>An order changed state. Filled quantity and average price are cumulative, so a repeat is harmless.</summary>
public sealed record OrderStatusReported(
    long AccountId, DateTimeOffset At, string ClientOrderRef, string? BrokerOrderId, BrokerOrderStatus Status,
    decimal FilledQuantity, decimal? AvgFillPrice, string? Reason = null) : BrokerEvent(AccountId, At);

public sealed record ExecutionReported(long AccountId, DateTimeOffset At, BrokerExecution Execution) : BrokerEvent(AccountId, At);

public sealed record ConnectionChanged(long AccountId, DateTimeOffset At, BrokerConnectionState State, string? Reason = null)
    : BrokerEvent(AccountId, At);

/// <summary>The broker refused to change a working order (IB 10326 "OCA group revision is not allowed"); the order is unchanged.</summary>
public sealed record OrderModifyRefused(long AccountId, DateTimeOffset At, string ClientOrderRef, string Reason) : BrokerEvent(AccountId, At);
