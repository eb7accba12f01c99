namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>Exponential backoff with jitter: min, 2·min, 4·min … capped at max. Not thread-safe.</summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Func<double> _random;
    private int _failures;

    /// <param name="random">Returns a value in [0, 1); injectable so tests can pin the jitter.</param>
    public ReconnectBackoff(TimeSpan min, TimeSpan max, double jitter, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        _min = min;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared.NextDouble;
    }

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseTicks = Math.Min(_min.Ticks * Math.Pow(2, exponent), _max.Ticks);
        var spread = 1 + _jitter * (2 * _random() - 1);
        return TimeSpan.FromTicks((long)Math.Clamp(baseTicks * spread, 0, _max.Ticks));
    }

    public void Reset() => _failures = 0;
}
