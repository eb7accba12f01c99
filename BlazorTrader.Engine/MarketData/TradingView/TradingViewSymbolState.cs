namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>The last-known fields of one subscribed symbol that the engine needs; each <c>qsd</c> patches it. Thread-safe.</summary>
public sealed class TradingViewSymbolState(string symbol)
{
    private readonly Lock _gate = new();
    private double? _last, _lastTime, _bid, _ask, _volume;
    private string? _updateMode, _originalName, _status;
    private DateTimeOffset? _updatedAt;

    public string Symbol { get; } = symbol;

    public DateTimeOffset? UpdatedAt
    {
        get { lock (_gate) return _updatedAt; }
    }

    public string? Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Merges a partial update and returns the quote to publish, or null while no last price is known.</summary>
    public TradingViewQuote? Apply(QuoteFieldChanges changes, DateTimeOffset receivedAt)
    {
        lock (_gate)
        {
            _last = changes.Last.ApplyTo(_last);
            _lastTime = changes.LastTime.ApplyTo(_lastTime);
            _bid = changes.Bid.ApplyTo(_bid);
            _ask = changes.Ask.ApplyTo(_ask);
            _volume = changes.Volume.ApplyTo(_volume);
            _updateMode = changes.UpdateMode.ApplyTo(_updateMode);
            _originalName = changes.OriginalName.ApplyTo(_originalName);
            _status = changes.Status.ApplyTo(_status);
            _updatedAt = receivedAt;

            if (_last is null)
                return null;

            return new TradingViewQuote(Symbol, _last, _bid, _ask, _volume, _updateMode, _originalName, receivedAt)
            {
                LastTime = ToTime(_lastTime),
            };
        }
    }

    private static DateTimeOffset? ToTime(double? unixSeconds) =>
        unixSeconds is { } s && s > 0 && s < 253_402_300_799 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)) : null;
}
