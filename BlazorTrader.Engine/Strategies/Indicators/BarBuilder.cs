namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>
/// Builds fixed-length OHLCV bars of one symbol from its ticks, by the tick's own time (never the arrival time), so a
/// replayed or delayed tape gives the same bars as a live one. Buckets align to multiples of the bar length since the
/// Unix epoch (30 s bars start at :00 and :30). A bucket without ticks makes no bar, as on TradingView. A tick older than
/// the bar being built is dropped and counted: bars already handed out are never rewritten.
/// </summary>
public sealed class BarBuilder
{
    readonly long _barTicks;
    readonly List<Bar> _closed = [];
    Bar? _current;

    public BarBuilder(int barSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(barSeconds, 1);
        _barTicks = TimeSpan.FromSeconds(barSeconds).Ticks;
    }

    /// <summary>Bars whose bucket has ended (a later tick arrived), oldest first.</summary>
    public IReadOnlyList<Bar> Closed => _closed;

    /// <summary>The bar being built, or null before the first tick.</summary>
    public Bar? Current => _current;

    /// <summary>Closed bars and the bar being built, oldest first: what the scan reads.</summary>
    public IReadOnlyList<Bar> All => _current is { } c ? [.. _closed, c] : _closed;

    /// <summary>Ticks dropped because they were older than the bar being built.</summary>
    public int LateTicks { get; private set; }

    /// <summary>Adds a trade at <paramref name="utc"/>; <paramref name="volume"/> may be 0 for a quote without size.</summary>
    public void Add(DateTimeOffset utc, decimal price, decimal volume)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegative(volume);
        var start = BucketStart(utc);
        if (_current is not { } bar)
        {
            _current = new Bar(start, price, price, price, price, volume);
            return;
        }
        if (start < bar.StartUtc)
        {
            LateTicks++;
            return;
        }
        if (start > bar.StartUtc)
        {
            _closed.Add(bar);
            _current = new Bar(start, price, price, price, price, volume);
            return;
        }
        _current = bar with
        {
            High = Math.Max(bar.High, price),
            Low = Math.Min(bar.Low, price),
            Close = price,
            Volume = bar.Volume + volume,
        };
    }

    /// <summary>Restores bars kept across a restart; only before the first tick.</summary>
    public void Restore(IEnumerable<Bar> bars)
    {
        if (_current is not null) throw new InvalidOperationException("bars can only be restored into an empty builder");
        foreach (var bar in bars.OrderBy(b => b.StartUtc))
        {
            if (_current is { } previous) _closed.Add(previous);
            _current = bar;
        }
    }

    DateTimeOffset BucketStart(DateTimeOffset utc)
    {
        var ticks = utc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks - (ticks % _barTicks + _barTicks) % _barTicks);
    }
}
