using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Risk;

/// <summary>
/// The in-memory state of one open position and its open trades. Prices and P&amp;L are kept as integer
/// ticks on the tick path and turned into decimals only when read (snapshots, the batched flush).
/// </summary>
public sealed class LivePosition
{
    private readonly decimal? _initialPrice;
    private readonly decimal _initialUnrealized, _initialWorst, _initialBest;
    private long _costTicks, _lots, _unrealizedTicks, _worstTicks, _bestTicks;
    private long? _priceTicks;

    public required long PositionId { get; init; }
    public required long RecorderId { get; init; }
    public required string Symbol { get; init; }
    public required Side Side { get; init; }
    public required decimal Quantity { get; init; }
    public required decimal AverageEntry { get; init; }
    public required PriceGrid Grid { get; init; }
    public DateTime OpenedAt { get; init; }
    public decimal Realized { get; init; }
    public List<LiveTrade> Trades { get; } = [];
    public bool Dirty { get; set; }
    /// <summary>The recorder holds TP/SL decisions while data is delayed or stale.</summary>
    public bool PauseOnLateData { get; init; }
    /// <summary>True while decisions wait for real-time data; prices still update.</summary>
    public bool DecisionsPaused { get; set; }

    public decimal? CurrentPrice { get => _priceTicks is { } t ? Grid.Price(t) : _initialPrice; init => _initialPrice = value; }
    public decimal Unrealized { get => _priceTicks is null ? _initialUnrealized : Grid.Money(_unrealizedTicks); init => _initialUnrealized = value; }
    public decimal Worst { get => Grid.Money(_worstTicks); init => _initialWorst = value; }
    public decimal Best { get => Grid.Money(_bestTicks); init => _initialBest = value; }

    /// <summary>Sets up the integer mirror (the live book does this when it takes the position).</summary>
    public void Prepare()
    {
        _lots = (long)Quantity;
        // Entries are on the grid and lots are whole, so the cost in ticks is an integer (the stored average may carry rounding).
        _costTicks = (long)Math.Round(AverageEntry * Quantity / Grid.TickSize, MidpointRounding.AwayFromZero);
        _worstTicks = Grid.TickContracts(_initialWorst);
        _bestTicks = Grid.TickContracts(_initialBest);
        foreach (var trade in Trades) trade.Prepare(Grid);
    }

    /// <summary>The tick path: last price, unrealized, and the worst and best unrealized over the tick's range.</summary>
    internal void Reprice(in TickTicks tick)
    {
        var direction = (int)Side;
        _priceTicks = tick.Price;
        _unrealizedTicks = direction * (tick.Price * _lots - _costTicks);
        var favourable = direction > 0 ? tick.High : tick.Low;
        var adverse = direction > 0 ? tick.Low : tick.High;
        _worstTicks = Math.Min(_worstTicks, direction * (adverse * _lots - _costTicks));
        _bestTicks = Math.Max(_bestTicks, direction * (favourable * _lots - _costTicks));
        Dirty = true;
    }
}
