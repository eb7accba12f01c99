namespace BlazorTrader.Engine.Positions;

/// <summary>
/// TradingView's strategy.market_position + strategy.position_size: the position wanted after the
/// signal. Turning it into an order makes a repeated alert harmless.
/// </summary>
public readonly record struct TargetPosition(Side? Side, decimal Size)
{
    public static readonly TargetPosition Flat = new(null, 0);

    public decimal Signed => Side is { } s ? (int)s * Size : 0;

    /// <summary>The order (side, quantity) that moves <paramref name="current"/> to this target, or null when already there.</summary>
    public (Side Side, decimal Quantity)? OrderFrom(PositionState? current)
    {
        var now = current is { } c ? (int)c.Side * c.Quantity : 0;
        var delta = Signed - now;
        return delta switch
        {
            0 => null,
            > 0 => (Positions.Side.Long, delta),
            _ => (Positions.Side.Short, -delta),
        };
    }
}
