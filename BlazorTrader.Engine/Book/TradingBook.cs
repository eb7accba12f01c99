using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Engine.Book;

/// <summary>
/// The engine's one model of trading state (DESIGN.md "One book"): recorders, their open positions with open trades,
/// recorder limits, the recent signals (duplicate guard) and each recorder's counters per trading day. Loaded from the
/// database once when the engine starts or takes the lead; after that handlers decide on it and never re-read what it
/// holds. The database is its journal: a handler changes these objects and stages them in the command's transaction;
/// if a commit fails the engine reloads the book from the database, so memory never runs ahead of what is durable.
/// Owned by the engine thread: no locks.
/// </summary>
internal sealed class TradingBook
{
    private readonly Dictionary<long, RecorderEntity> _recorders = [];
    private readonly Dictionary<string, RecorderEntity> _byTokenHash = new(StringComparer.Ordinal);
    private readonly Dictionary<long, RecorderLimitsEntity> _limits = [];
    private readonly Dictionary<long, PositionEntity> _openById = [];
    private readonly Dictionary<(long RecorderId, string Symbol), PositionEntity> _open = new(new RecorderSymbolComparer());

    public SignalMemory Signals { get; } = new();

    public RecorderDayActivity Today { get; } = new();

    public IEnumerable<RecorderEntity> Recorders => _recorders.Values;

    public IEnumerable<PositionEntity> OpenPositions => _openById.Values;

    public RecorderEntity? Recorder(long id) => _recorders.GetValueOrDefault(id);

    public RecorderEntity? RecorderByTokenHash(string tokenHash) => _byTokenHash.GetValueOrDefault(tokenHash);

    public RecorderLimitsEntity? Limits(long recorderId) => _limits.GetValueOrDefault(recorderId);

    public PositionEntity? OpenPosition(long recorderId, string symbol) => _open.GetValueOrDefault((recorderId, symbol));

    public PositionEntity? OpenPosition(long positionId) => _openById.GetValueOrDefault(positionId);

    public IEnumerable<PositionEntity> OpenPositionsOf(long recorderId) => _openById.Values.Where(p => p.RecorderId == recorderId);

    public void Clear()
    {
        _recorders.Clear();
        _byTokenHash.Clear();
        _limits.Clear();
        _openById.Clear();
        _open.Clear();
        Signals.Clear();
        Today.Clear();
    }

    public void PutRecorder(RecorderEntity recorder)
    {
        if (_recorders.Remove(recorder.Id, out var old)) _byTokenHash.Remove(old.WebhookTokenHash);
        _recorders[recorder.Id] = recorder;
        _byTokenHash[recorder.WebhookTokenHash] = recorder;
    }

    public void RemoveRecorder(long id)
    {
        if (_recorders.Remove(id, out var old)) _byTokenHash.Remove(old.WebhookTokenHash);
        _limits.Remove(id);
        foreach (var position in OpenPositionsOf(id).ToList()) Forget(position);
        Today.Forget(id);
    }

    public void PutLimits(RecorderLimitsEntity limits) => _limits[limits.RecorderId] = limits;

    /// <summary>After a commit: an open position is (still) held with only its open trades; a closed one leaves the book.</summary>
    public void Settle(PositionEntity position)
    {
        if (position.Status != TradeStatus.Open)
        {
            Forget(position);
            return;
        }
        position.Trades.RemoveAll(t => t.Status != TradeStatus.Open);
        _openById[position.Id] = position;
        _open[(position.RecorderId, position.Ticker)] = position;
    }

    private void Forget(PositionEntity position)
    {
        _openById.Remove(position.Id);
        if (_open.TryGetValue((position.RecorderId, position.Ticker), out var held) && ReferenceEquals(held, position))
            _open.Remove((position.RecorderId, position.Ticker));
    }

    private sealed class RecorderSymbolComparer : IEqualityComparer<(long RecorderId, string Symbol)>
    {
        public bool Equals((long RecorderId, string Symbol) x, (long RecorderId, string Symbol) y) =>
            x.RecorderId == y.RecorderId && string.Equals(x.Symbol, y.Symbol, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((long RecorderId, string Symbol) key) =>
            HashCode.Combine(key.RecorderId, StringComparer.OrdinalIgnoreCase.GetHashCode(key.Symbol));
    }
}
