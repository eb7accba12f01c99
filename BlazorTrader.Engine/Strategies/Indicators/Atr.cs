namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>
/// ATR as TradingView's <c>ta.atr(length)</c>: the Wilder average (<see cref="WilderAverage"/>) of the true range, where the
/// first bar's true range is its high - low (no previous close) and later ones are
/// max(high - low, |high - previous close|, |low - previous close|). The first value needs <c>length</c> bars.
/// </summary>
public static class Atr
{
    public const int DefaultLength = 14;

    public static decimal? Last(IReadOnlyList<Bar> bars, int length = DefaultLength) =>
        bars.Count < length ? null : WilderAverage.Series(TrueRanges(bars), length)[^1];

    /// <summary>ATR as a percent of the last close: ATR / close x 100.</summary>
    public static decimal? LastPercent(IReadOnlyList<Bar> bars, int length = DefaultLength) =>
        Last(bars, length) is { } atr && bars[^1].Close > 0 ? atr / bars[^1].Close * 100m : null;

    public static decimal[] TrueRanges(IReadOnlyList<Bar> bars)
    {
        var result = new decimal[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var range = bar.High - bar.Low;
            result[i] = i == 0
                ? range
                : Math.Max(range, Math.Max(Math.Abs(bar.High - bars[i - 1].Close), Math.Abs(bar.Low - bars[i - 1].Close)));
        }
        return result;
    }
}
