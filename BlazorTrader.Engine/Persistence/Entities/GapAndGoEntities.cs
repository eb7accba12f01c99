namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>
/// One OHLCV bar of a symbol the engine built from the feed's ticks (or took from the broker's history), kept so a
/// restart has today's bars and yesterday's close. One row per symbol, bar length and bucket start.
/// </summary>
public sealed class MarketBarEntity
{
    public long Id { get; set; }
    public required string Symbol { get; set; }
    public int BarSeconds { get; set; }
    /// <summary>The bucket's first instant (UTC).</summary>
    public DateTime StartUtc { get; set; }
    public decimal Open { get; set; }
    public decimal High { get; set; }
    public decimal Low { get; set; }
    public decimal Close { get; set; }
    public decimal Volume { get; set; }
}

/// <summary>
/// The gap-and-go strategy's state for one trade date: the budget fixed at the day's first scan, the halt switch and
/// the latest scan (its reply as JSON, what <c>GET /api/strategies/{id}/scan</c> answers).
/// </summary>
public sealed class GapAndGoDayEntity
{
    public long Id { get; set; }
    public long StrategyId { get; set; }
    public DateOnly TradeDate { get; set; }
    /// <summary>capitalPercent % of the account's net liquidation at the day's first scan.</summary>
    public decimal Budget { get; set; }
    public bool Halted { get; set; }
    public string? HaltReason { get; set; }
    public DateTime? LastScanAt { get; set; }
    public string? LastScanJson { get; set; }
    public DateTime? LiquidatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
