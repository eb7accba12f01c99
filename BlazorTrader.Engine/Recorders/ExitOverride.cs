using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Recorders;

/// <summary>How a per-signal exit is expressed: an absolute price, a percent of entry, or dollars per contract/share.</summary>
public enum ExitBasis { Price, Percent, Amount }

/// <summary>A take-profit or stop-loss sent with the signal; it replaces the recorder's for that entry.</summary>
public readonly record struct ExitOverride(ExitBasis Basis, decimal Value)
{
    /// <summary>
    /// The price of this exit for an entry; <paramref name="towards"/> is +1 for a level above entry, -1 below.
    /// Amount is dollars per contract, so a futures distance is amount / point value (1 for stocks).
    /// </summary>
    public decimal LevelFor(ContractSpec spec, decimal entry, int towards) => Basis switch
    {
        ExitBasis.Price => spec.RoundToTick(Value),
        ExitBasis.Percent => ExitLevels.Level(spec, entry, towards, Value, PriceUnits.Percent),
        ExitBasis.Amount => ExitLevels.Level(spec, entry, towards, Value / spec.PointValue, PriceUnits.Points),
        _ => throw new ArgumentOutOfRangeException(nameof(Basis), Basis, null),
    };

    public decimal TakeProfitFor(ContractSpec spec, Side side, decimal entry) => LevelFor(spec, entry, (int)side);

    public decimal StopLossFor(ContractSpec spec, Side side, decimal entry) => LevelFor(spec, entry, -(int)side);
}
