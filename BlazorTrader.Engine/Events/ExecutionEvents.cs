namespace BlazorTrader.Engine.Events;

public sealed record OrderIntentSnapshot(
    long Id, string IdempotencyKey, long AccountId, long? RecorderId, string Ticker, string Side, decimal Quantity, string Type,
    string Status, string? BrokerOrderId, decimal FilledQuantity, decimal? AvgFillPrice, string? Reason, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record OrderIntentChanged(DateTimeOffset At, OrderIntentSnapshot Intent) : EngineEvent(At);

/// <summary>A limit, the kill switch or a duplicate stopped an order; also written to the audit log.</summary>
public sealed record OrderBlocked(DateTimeOffset At, string Scope, long? RecorderId, long? AccountId, string Ticker, string Reason) : EngineEvent(At);

public sealed record KillSwitchChanged(DateTimeOffset At, bool On, string? Reason) : EngineEvent(At);
