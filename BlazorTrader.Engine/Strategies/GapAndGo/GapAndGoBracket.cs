namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>The protective pair placed at the broker on an entry's fill: one OCA group, DAY orders.</summary>
public readonly record struct GapAndGoBracket(decimal TakeProfit, decimal StopLoss)
{
    /// <summary>
    /// Take-profit at fill x (1 + tp%/100) and stop at fill x (1 - sl%/100), each rounded to the nearest tick once (the
    /// original hard-coded its own percentages and never rounded; see docs/strategies.md).
    /// </summary>
    public static GapAndGoBracket ForFill(decimal fillPrice, GapAndGoParameters parameters, decimal tickSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fillPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickSize);
        return new(
            RoundToTick(fillPrice * (1m + parameters.TakeProfitPercent / 100m), tickSize),
            RoundToTick(fillPrice * (1m - parameters.StopLossPercent / 100m), tickSize));
    }

    internal static decimal RoundToTick(decimal price, decimal tick) => Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;
}
