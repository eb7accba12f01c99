using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>
/// One order we mean to place, persisted before anything reaches a broker (docs/design.md "Never the same
/// order twice"). The UNIQUE <see cref="IdempotencyKey"/> is the guard and travels as the broker's client order reference.
/// </summary>
public sealed class OrderIntentEntity
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }
    public long AccountId { get; set; }
    public long? RecorderId { get; set; }
    public long? SignalId { get; set; }
    /// <summary>webhook, manual, scheduled, flatten, close.</summary>
    public required string Source { get; set; }
    public required string Ticker { get; set; }
    /// <summary>
    /// The dated month (yyyyMM) a continuous-futures order trades when it is not simply "the front month now": an exit or
    /// add of a position held in an older month, a roll's new leg. Null: the broker's front month at sending.
    /// </summary>
    public string? ContractMonth { get; set; }
    public OrderAction Action { get; set; }
    public decimal Quantity { get; set; }
    public OrderType Type { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public decimal? TakeProfitPrice { get; set; }
    public decimal? StopLossPrice { get; set; }
    /// <summary>The signal's or caller's price, used by the paper broker when it has no quote.</summary>
    public decimal? ReferencePrice { get; set; }
    /// <summary>True when the order opens or adds (entries are what limits and the kill switch stop).</summary>
    public bool IsEntry { get; set; }
    /// <summary>A combo's legs; the book moves per leg from the broker's executions, not from the order's net price.</summary>
    public List<IntentLeg> Legs { get; set; } = [];
    public OrderIntentStatus Status { get; set; }
    public string? BrokerOrderId { get; set; }
    public decimal FilledQuantity { get; set; }
    public decimal? AvgFillPrice { get; set; }
    /// <summary>P&amp;L this intent's fills realized on the account's position (for the daily loss limit).</summary>
    public decimal RealizedPnl { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? FirstFillAt { get; set; }
    public DateTime? LastFillAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class IntentLeg
{
    public required string Symbol { get; set; }
    public OrderAction Action { get; set; }
    public int Ratio { get; set; }
    public decimal FilledQuantity { get; set; }
    /// <summary>Executions already in the book, so a repeated report or reconciliation never counts one twice.</summary>
    public List<string> ExecutionIds { get; set; } = [];
}

/// <summary>The engine's book of an account's net position per symbol, moved only by the fills the broker reported.</summary>
public sealed class AccountPositionEntity
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public required string Symbol { get; set; }
    /// <summary>Signed: short is negative.</summary>
    public decimal Quantity { get; set; }
    public decimal AvgPrice { get; set; }
    public decimal RealizedPnl { get; set; }
    public DateTime? OpenedAt { get; set; }
    /// <summary>The dated month (yyyyMM) a continuous-futures position is held in: its orders keep going there after the roll.</summary>
    public string? ContractMonth { get; set; }
    /// <summary>When the position last went flat (re-entry protection).</summary>
    public DateTime? LastClosedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
