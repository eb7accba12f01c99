namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>A recorder's equity curve point: realized so far plus open unrealized, and the drawdown from its peak.</summary>
public sealed class PnlHistoryEntity
{
    public long Id { get; set; }
    public long RecorderId { get; set; }
    public DateTime At { get; set; }
    public decimal RealizedPnl { get; set; }
    public decimal UnrealizedPnl { get; set; }
    public decimal Equity { get; set; }
    public decimal PeakEquity { get; set; }
    public decimal Drawdown { get; set; }
}
