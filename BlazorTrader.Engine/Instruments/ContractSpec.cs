using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Instruments;

public enum InstrumentKind { Future, IndexOption, Stock }

/// <summary>What one contract is worth, and which session it trades in: the data behind every price rounding and P&amp;L figure.</summary>
public sealed record ContractSpec(
    string Root,
    InstrumentKind Kind,
    string Exchange,
    string TradingViewPrefix,
    decimal TickSize,
    decimal PointValue,
    IReadOnlyList<TickStep>? TickLadder = null,
    Market Market = Market.Nyse,
    string? Months = null,
    LastTradeRule LastTrade = LastTradeRule.None,
    int RollTradingDays = 0)
{
    /// <summary>A future whose continuous ticker (<c>MNQ1!</c>) can be resolved from its listing cycle and last-trade rule.</summary>
    public bool Rolls => Kind == InstrumentKind.Future && !string.IsNullOrEmpty(Months) && LastTrade != LastTradeRule.None;

    /// <summary>Dollars per tick per contract (tick size x point value).</summary>
    public decimal TickValue => TickSize * PointValue;

    /// <summary>The tick size that applies at a price (SPX options: 0.05 below 3.00, 0.10 from 3.00).</summary>
    public decimal TickSizeAt(decimal price)
    {
        var tick = TickSize;
        foreach (var step in TickLadder ?? [])
        {
            if (price >= step.From) tick = step.TickSize;
        }
        return tick;
    }

    public decimal RoundToTick(decimal price)
    {
        var tick = TickSizeAt(price);
        return Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;
    }

    /// <summary>Price distance for an amount expressed in ticks.</summary>
    public decimal TicksToPoints(decimal ticks) => ticks * TickSize;

    /// <summary>P&amp;L of moving <paramref name="quantity"/> contracts from entry to exit; direction +1 long, -1 short.</summary>
    public decimal PnL(decimal entry, decimal exit, decimal quantity, int direction) =>
        (exit - entry) * PointValue * quantity * direction;
}

/// <summary>From this price upward the tick size changes to <see cref="TickSize"/>.</summary>
public sealed record TickStep(decimal From, decimal TickSize);
