using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Execution;

/// <summary>A net position as brokers report it (short is negative), moved by fills through <see cref="PositionMath"/>.</summary>
public readonly record struct SignedPosition(decimal Quantity, decimal AvgPrice)
{
    public static SignedPosition Flat => default;

    public PositionState? ToState() => Quantity == 0 ? null : new PositionState(Quantity > 0 ? Side.Long : Side.Short, Math.Abs(Quantity), AvgPrice);

    /// <summary>The position after a fill of <paramref name="signedQuantity"/> at <paramref name="price"/>, and the P&amp;L the fill realized.</summary>
    public (SignedPosition After, decimal Realized) Apply(decimal signedQuantity, decimal price, ContractSpec spec)
    {
        if (signedQuantity == 0) return (this, 0);
        var change = PositionMath.Apply(ToState(), signedQuantity > 0 ? Side.Long : Side.Short, Math.Abs(signedQuantity), price, spec);
        var after = change.After is { } a ? new SignedPosition((int)a.Side * a.Quantity, a.AverageEntry) : Flat;
        return (after, change.RealizedPnl);
    }
}
