namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>
/// RSI as TradingView's <c>ta.rsi(close, length)</c>: Wilder averages (<see cref="WilderAverage"/>) of the gains and of the
/// losses of bar-to-bar close changes; 100 when there were no losses, 0 when there were no gains. The first value needs
/// <c>length + 1</c> closes (length changes).
/// </summary>
public static class Rsi
{
    public const int DefaultLength = 14;

    public static decimal? Last(IReadOnlyList<decimal> closes, int length = DefaultLength) =>
        closes.Count < length + 1 ? null : Series(closes, length)[^1];

    /// <summary>RSI after every close (index aligned with <paramref name="closes"/>); null while not enough closes.</summary>
    public static decimal?[] Series(IReadOnlyList<decimal> closes, int length = DefaultLength)
    {
        var result = new decimal?[closes.Count];
        if (closes.Count < 2) return result;
        var gains = new decimal[closes.Count - 1];
        var losses = new decimal[closes.Count - 1];
        for (var i = 1; i < closes.Count; i++)
        {
            var change = closes[i] - closes[i - 1];
            gains[i - 1] = Math.Max(change, 0);
            losses[i - 1] = Math.Max(-change, 0);
        }
        var up = WilderAverage.Series(gains, length);
        var down = WilderAverage.Series(losses, length);
        for (var i = 0; i < gains.Length; i++)
        {
            if (up[i] is not { } u || down[i] is not { } d) continue;
            result[i + 1] = d == 0 ? 100m : u == 0 ? 0m : 100m - 100m / (1m + u / d);
        }
        return result;
    }
}
