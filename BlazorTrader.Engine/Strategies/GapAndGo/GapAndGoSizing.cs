namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>Money per trade: the day's budget from net liquidation, split evenly over maxPositions.</summary>
public static class GapAndGoSizing
{
    /// <summary>capitalPercent % of the net liquidation seen at the day's first scan, in whole cents (down).</summary>
    public static decimal Budget(decimal netLiquidation, GapAndGoParameters parameters) =>
        netLiquidation <= 0 ? 0 : Math.Floor(netLiquidation * parameters.CapitalPercent / 100m * 100m) / 100m;

    /// <summary>floor(budget / maxPositions / price) whole shares.</summary>
    public static int Shares(decimal budget, GapAndGoParameters parameters, decimal price) =>
        price <= 0 || budget <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(budget / parameters.MaxPositions / price));
}
