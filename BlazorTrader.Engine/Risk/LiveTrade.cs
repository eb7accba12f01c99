using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Risk;

public enum StopKind { StopLoss, TrailingStop, BreakEvenStop }

/// <summary>One take-profit level of a live trade. <see cref="CumulativeQuantity"/> is how much of the trade is out once it fills.</summary>
public sealed class LiveTarget(decimal price, decimal cumulativeQuantity, bool filled)
{
    public decimal Price { get; } = price;
    public decimal CumulativeQuantity { get; } = cumulativeQuantity;
    public bool Filled { get; internal set; } = filled;
    internal long PriceTicks;
}

/// <summary>
/// The in-memory, tick-updated state of one open trade. Owned by the engine thread; the database copy
/// is refreshed in batches (MFE/MAE) and immediately on every exit. The decimal properties are what is
/// stored and shown; <see cref="Prepare"/> mirrors them as integer ticks for the tick path, which writes
/// a decimal back only when it changes (a new extreme, a moved stop), never on every tick.
/// </summary>
public sealed class LiveTrade
{
    private const long NoStop = long.MinValue;

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
    /// <summary>
    /// The trade has seen a price since it opened (true for a trade restored after it was priced). Until then
    /// the first price is an opening price: a target it opens beyond fills at that better price.
    /// </summary>
    public bool PriceSeen { get; set; }
    /// <summary>The market whose trade dates tell a session's first tick (an opening price).</summary>
    public Market Market { get; init; } = Market.CmeEquity;

    public int Direction => (int)Side;

    // The integer mirror used on the tick path.
    internal PriceGrid Grid;
    internal bool Prepared;
    internal long EntryTicks, QuantityLots, OpenLots, StopTicks = NoStop, BestTicks, MfeTicks, MaeTicks, TrailTriggerTicks = -1, TrailDistanceTicks;

    /// <summary>UTC ticks of the last price this trade saw in this process; 0 = unknown (restored).</summary>
    internal long LastSeenUtcTicks;

    internal bool HasStop => StopTicks != NoStop;

    /// <summary>Mirrors the decimal state as ticks on the instrument's grid; call again after changing it from outside.</summary>
    public void Prepare(PriceGrid grid)
    {
        Grid = grid;
        EntryTicks = grid.Ticks(Entry);
        QuantityLots = (long)Quantity;
        OpenLots = (long)OpenQuantity;
        StopTicks = Stop is { } stop ? grid.Ticks(stop) : NoStop;
        BestTicks = grid.Ticks(BestPrice == 0 ? Entry : BestPrice);
        MfeTicks = grid.TickContracts(Mfe);
        MaeTicks = grid.TickContracts(Mae);
        TrailTriggerTicks = TrailTrigger is { } trigger ? grid.Ticks(trigger) : -1;
        TrailDistanceTicks = grid.Ticks(TrailDistance);
        foreach (var target in Targets) target.PriceTicks = grid.Ticks(target.Price);
        Prepared = true;
    }

    internal void MoveStop(long ticks, StopKind kind)
    {
        StopTicks = ticks;
        Stop = Grid.Price(ticks);
        StopKind = kind;
        Dirty = true;
    }

    internal void Close(decimal quantity)
    {
        OpenQuantity -= quantity;
        OpenLots = (long)OpenQuantity;
    }
}
