namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Keeps outgoing messages under TWS's 50 per second (more gives error 100 and likely a disconnect). A token bucket in
/// its virtual-scheduling form: integer ticks of the injected clock, so there is no floating-point drift. A full
/// bucket lets <c>burst</c> messages out at once; after that one leaves every 1/rate seconds. Any one-second window
/// then holds at most burst - 1 + rate messages.
/// </summary>
internal sealed class TokenBucketPacer
{
    private readonly TimeProvider _time;
    private readonly long _interval;     // timestamp ticks per message
    private readonly long _tolerance;    // how far ahead of now the schedule may run: (burst - 1) intervals
    private long _theoreticalArrival;

    public TokenBucketPacer(TimeProvider time, int messagesPerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        // Rounded up, so the real rate is never above the configured one.
        _interval = (time.TimestampFrequency + messagesPerSecond - 1) / messagesPerSecond;
        _tolerance = (burst - 1) * _interval;
        _theoreticalArrival = time.GetTimestamp();
    }

    /// <summary>Takes a token if one is available; otherwise says how long until one is.</summary>
    public bool TryAcquire(out TimeSpan wait)
    {
        var now = _time.GetTimestamp();
        var arrival = Math.Max(_theoreticalArrival, now);
        if (arrival - now <= _tolerance)
        {
            _theoreticalArrival = arrival + _interval;
            wait = TimeSpan.Zero;
            return true;
        }
        var ticks = arrival - _tolerance - now;
        wait = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(ticks * (double)TimeSpan.TicksPerSecond / _time.TimestampFrequency)));
        return false;
    }

    /// <summary>Waits for a token. Single consumer: the connection's writer loop.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (!TryAcquire(out var wait))
            await _time.DelayAsync(wait, cancellationToken);
    }
}
