namespace BlazorTrader.Engine.Book;

/// <summary>A signal the engine already decided on: what a resend of it is answered with.</summary>
internal sealed class KnownSignal(long id, long recorderId, DateTime receivedAt)
{
    public long Id { get; } = id;
    public long RecorderId { get; } = recorderId;
    public DateTime ReceivedAt { get; } = receivedAt;
    /// <summary>The account intents the signal made (copy trading); a duplicate answers the same ids.</summary>
    public List<long> IntentIds { get; } = [];
}

/// <summary>
/// The recent idempotency keys and payload hashes, so a duplicate is answered without a query. It holds what the
/// engine saw in <see cref="Horizon"/>; an older resend still meets the UNIQUE index on the key (the backstop).
/// </summary>
internal sealed class SignalMemory
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(2);

    private readonly Dictionary<string, KnownSignal> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(long RecorderId, string Hash), KnownSignal> _byPayload = [];
    private readonly Queue<(string Key, long RecorderId, string Hash, DateTime At)> _order = new();

    public int Count => _byKey.Count;

    public void Clear()
    {
        _byKey.Clear();
        _byPayload.Clear();
        _order.Clear();
    }

    /// <summary>The first signal with this key, or with this body from this recorder since <paramref name="windowStart"/>.</summary>
    public KnownSignal? Find(string key, long recorderId, string payloadHash, DateTime windowStart)
    {
        if (_byKey.TryGetValue(key, out var known)) return known;
        return _byPayload.TryGetValue((recorderId, payloadHash), out var same) && same.ReceivedAt >= windowStart ? same : null;
    }

    public KnownSignal? FindByKey(string key) => _byKey.GetValueOrDefault(key);

    public KnownSignal Remember(string key, string payloadHash, KnownSignal signal)
    {
        _byKey.TryAdd(key, signal);
        // The newest body wins the window, as the query it replaces found any match inside it.
        if (!_byPayload.TryGetValue((signal.RecorderId, payloadHash), out var older) || older.ReceivedAt <= signal.ReceivedAt)
            _byPayload[(signal.RecorderId, payloadHash)] = signal;
        _order.Enqueue((key, signal.RecorderId, payloadHash, signal.ReceivedAt));
        return signal;
    }

    /// <summary>Drops what is older than the horizon (called from the heartbeat).</summary>
    public void Prune(DateTime now)
    {
        var cutoff = now - Horizon;
        while (_order.TryPeek(out var oldest) && oldest.At < cutoff)
        {
            _order.Dequeue();
            if (_byKey.TryGetValue(oldest.Key, out var k) && k.ReceivedAt < cutoff) _byKey.Remove(oldest.Key);
            if (_byPayload.TryGetValue((oldest.RecorderId, oldest.Hash), out var p) && p.ReceivedAt < cutoff) _byPayload.Remove((oldest.RecorderId, oldest.Hash));
        }
    }
}
