namespace BlazorTrader.Engine.Persistence.Entities;

public static class TradeStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>A recorder's net position in one ticker, from open to flat.</summary>
public sealed class PositionEntity
{
    public long Id { get; set; }
    public long RecorderId { get; set; }
    public required string Ticker { get; set; }
    public required string Side { get; set; }
    public decimal TotalQuantity { get; set; }
    public decimal AvgEntryPrice { get; set; }
    public decimal? CurrentPrice { get; set; }
    public decimal UnrealizedPnl { get; set; }
    public decimal RealizedPnl { get; set; }
    public decimal WorstUnrealizedPnl { get; set; }
    public decimal BestUnrealizedPnl { get; set; }
    public required string Status { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public List<TradeEntity> Trades { get; set; } = [];
}
