namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>Gap from the previous trade date's close: (last - previous close) / previous close x 100.</summary>
public static class Gap
{
    public static decimal? Percent(decimal last, decimal? previousClose) =>
        previousClose is > 0 and { } close ? (last - close) / close * 100m : null;
}
