using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>The paper broker's cash per account: starting cash plus realized P&amp;L (futures-style, no premium or commissions).</summary>
public sealed class PaperAccountEntity
{
    public long AccountId { get; set; }
    public decimal StartingCash { get; set; }
    public decimal Cash { get; set; }
    public decimal RealizedPnl { get; set; }
}

public enum PaperOrderStatus { Held, Working, Filled, Cancelled, Rejected }

/// <summary>An order at the paper venue. Bracket children are <see cref="PaperOrderStatus.Held"/> until their parent fills.</summary>
public sealed class PaperOrderEntity
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public required string ClientOrderRef { get; set; }
    public long? ParentId { get; set; }
    /// <summary>Orders sharing a group cancel each other when one fills (bracket take-profit and stop).</summary>
    public string? OcoGroup { get; set; }
    public required string Symbol { get; set; }
    public OrderAction Action { get; set; }
    public decimal Quantity { get; set; }
    public OrderType Type { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public decimal? ReferencePrice { get; set; }
    public List<ComboLegState> Legs { get; set; } = [];
    public PaperOrderStatus Status { get; set; }
    public decimal FilledQuantity { get; set; }
    public decimal? AvgFillPrice { get; set; }
    public string? Reason { get; set; }
    /// <summary>Not before this instant (the configured latency); null for held children.</summary>
    public DateTime? FillNotBefore { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class ComboLegState
{
    public required string Symbol { get; set; }
    public OrderAction Action { get; set; }
    public int Ratio { get; set; }
}

public sealed class PaperExecutionEntity
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long PaperOrderId { get; set; }
    public required string ClientOrderRef { get; set; }
    public required string Symbol { get; set; }
    public OrderAction Action { get; set; }
    public decimal Quantity { get; set; }
    public decimal Price { get; set; }
    public DateTime At { get; set; }
}

public sealed class PaperPositionEntity
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public required string Symbol { get; set; }
    public decimal Quantity { get; set; }
    public decimal AvgPrice { get; set; }
}
