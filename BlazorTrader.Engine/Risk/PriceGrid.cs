namespace BlazorTrader.Engine.Risk;

/// <summary>
/// An instrument's price grid, for the integer tick path: prices become whole ticks, and P&amp;L becomes
/// "ticks x contracts", turned back into money only when somebody reads it. Prices are on the grid
/// (rounded at the edge), and quantities are whole contracts, so the integers are exact.
/// </summary>
public readonly record struct PriceGrid(decimal TickSize, decimal TickValue)
{
    public long Ticks(decimal price) => (long)Math.Round(price / TickSize, MidpointRounding.AwayFromZero);

    public decimal Price(long ticks) => ticks * TickSize;

    /// <summary>Dollars of a P&amp;L counted in ticks x contracts.</summary>
    public decimal Money(long tickContracts) => tickContracts * TickValue;

    public long TickContracts(decimal money) => (long)Math.Round(money / TickValue, MidpointRounding.AwayFromZero);
}

/// <summary>One tick's last, high and low in whole ticks of the symbol's grid.</summary>
public readonly record struct TickTicks(long Price, long High, long Low);
