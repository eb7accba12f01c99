namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>One entry (open or add) and its exits: targets with trims, stop, P&amp;L, MFE/MAE.</summary>
public sealed class TradeEntity
{
    public long Id { get; set; }
    public long RecorderId { get; set; }
    public long PositionId { get; set; }
    public long? SignalId { get; set; }
    public required string Ticker { get; set; }
    public required string Side { get; set; }
    public decimal Quantity { get; set; }
    public decimal OpenQuantity { get; set; }
    public decimal EntryPrice { get; set; }
    public List<TpTargetState> TpTargets { get; set; } = [];
    public decimal? SlPrice { get; set; }
    /// <summary>What the stop is now: stop loss, trailing stop or break-even stop.</summary>
    public string? SlKind { get; set; }
    /// <summary>Best price since entry, so a trailing stop survives a restart.</summary>
    public decimal? BestPrice { get; set; }
    public decimal? ExitPrice { get; set; }
    public string? ExitReason { get; set; }
    /// <summary>Data mode (realtime, delayed, ...) of the tick the last exit decision was made on.</summary>
    public string? DecisionDataMode { get; set; }
    /// <summary>Age of that tick's data when the decision was made (delay included).</summary>
    public long? DecisionTickAgeMs { get; set; }
    public decimal RealizedPnl { get; set; }
    public decimal Mfe { get; set; }
    public decimal Mae { get; set; }
    public required string Status { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>Records an exit of part of this trade; ExitPrice stays the quantity-weighted average of all exits.</summary>
    public void Exit(decimal quantity, decimal price, decimal pnl, string reason, DateTime at)
    {
        var exitedBefore = Quantity - OpenQuantity;
        ExitPrice = ((ExitPrice ?? 0) * exitedBefore + price * quantity) / (exitedBefore + quantity);
        OpenQuantity -= quantity;
        RealizedPnl += pnl;
        ExitReason = ExitReason is null ? reason : ExitReason.Contains(reason, StringComparison.Ordinal) ? ExitReason : $"{ExitReason}; {reason}";
        if (OpenQuantity == 0)
        {
            Status = TradeStatus.Closed;
            ClosedAt = at;
        }
    }
}

public sealed class TpTargetState
{
    public decimal Price { get; set; }
    public decimal Trim { get; set; }
    public decimal FilledQuantity { get; set; }
    public DateTime? HitAt { get; set; }
}
