using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Risk;

public enum StopKind { StopLoss, TrailingStop, BreakEvenStop }

/// <summary>One take-profit level of a live trade. <see cref="CumulativeQuantity"/> is how much of the trade is out once it fills.</summary>
public sealed class LiveTarget(decimal price, decimal cumulativeQuantity, bool filled)
{
    public decimal Price { get; } = price;
    public decimal CumulativeQuantity { get; } = cumulativeQuantity;
    public bool Filled { get; internal set; } = filled;
}

/// <summary>
/// The in-memory, tick-updated state of one open trade. Owned by the engine thread; the database copy
/// is refreshed in batches (MFE/MAE) and immediately on every exit.
/// </summary>
public sealed class LiveTrade
{
    public required long TradeId { get; init; }
    public required Side Side { get; init; }
    public required decimal Entry { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal OpenQuantity { get; set; }
    public required LiveTarget[] Targets { get; init; }
    public decimal? Stop { get; set; }
    public StopKind StopKind { get; set; } = StopKind.StopLoss;
    /// <summary>Favourable move (price units) after which the stop starts trailing; null = no trailing.</summary>
    public decimal? TrailTrigger { get; init; }
    public decimal TrailDistance { get; init; }
    public bool BreakEvenAfterFirstTarget { get; init; }
    public decimal Mfe { get; set; }
    public decimal Mae { get; set; }
    /// <summary>Best price seen since entry (highest for a long), for trailing.</summary>
    public decimal BestPrice { get; set; }
    public bool Dirty { get; set; }

    public int Direction => (int)Side;
}

/// <summary>The in-memory state of one open position and its open trades.</summary>
public sealed class LivePosition
{
    public required long PositionId { get; init; }
    public required long RecorderId { get; init; }
    public required string Symbol { get; init; }
    public required Side Side { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal AverageEntry { get; init; }
    public required decimal PointValue { get; init; }
    public DateTime OpenedAt { get; init; }
    public decimal? CurrentPrice { get; set; }
    public decimal Unrealized { get; set; }
    public decimal Worst { get; set; }
    public decimal Best { get; set; }
    public decimal Realized { get; init; }
    public List<LiveTrade> Trades { get; } = [];
    public bool Dirty { get; set; }
    /// <summary>The recorder holds TP/SL decisions while data is delayed or stale.</summary>
    public bool PauseOnLateData { get; init; }
    /// <summary>True while decisions wait for real-time data; prices still update.</summary>
    public bool DecisionsPaused { get; set; }
}
