namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>
/// Wilder's moving average as TradingView's <c>ta.rma</c>: the first value is the simple mean of the first
/// <c>length</c> inputs, then each next value is (previous x (length - 1) + input) / length.
/// </summary>
public static class WilderAverage
{
    /// <summary>The average after every input; null until <paramref name="length"/> inputs were seen.</summary>
    public static decimal?[] Series(IReadOnlyList<decimal> values, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var result = new decimal?[values.Count];
        decimal sum = 0, average = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (i < length)
            {
                sum += values[i];
                if (i == length - 1)
                {
                    average = sum / length;
                    result[i] = average;
                }
                continue;
            }
            average = (average * (length - 1) + values[i]) / length;
            result[i] = average;
        }
        return result;
    }

    /// <summary>The last value of <see cref="Series"/>, or null with fewer than <paramref name="length"/> inputs.</summary>
    public static decimal? Last(IReadOnlyList<decimal> values, int length) =>
        values.Count < length ? null : Series(values, length)[^1];
}
