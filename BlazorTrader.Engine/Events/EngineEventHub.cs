using System.Collections.Immutable;

namespace BlazorTrader.Engine.Events;

/// <summary>
/// Fan-out of engine events to UI circuits and other readers. Handlers run on the engine's thread,
/// so they must be O(1) (store the event, flag a re-render) and never throw or await.
/// </summary>
public sealed class EngineEventHub
{
    private const int LogCapacity = 500;
    private ImmutableArray<Action<EngineEvent>> _subscribers = [];
    private readonly Lock _logLock = new();
    private readonly Queue<LogEntry> _recentLog = new();

    private ImmutableDictionary<long, PositionSnapshot> _open = ImmutableDictionary<long, PositionSnapshot>.Empty;

    /// <summary>Open positions as of the last published change or repricing; for readers that must not query per tick.</summary>
    public IReadOnlyList<PositionSnapshot> OpenPositions => [.. _open.Values.OrderBy(p => p.Id)];

    /// <summary>The most recent engine log entries, oldest first.</summary>
    public IReadOnlyList<LogEntry> RecentLog
    {
        get { lock (_logLock) return [.. _recentLog]; }
    }

    public IDisposable Subscribe(Action<EngineEvent> handler)
    {
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(handler)));
    }

    public void Publish(EngineEvent e)
    {
        switch (e)
        {
            case LogEntry log: Remember(log); break;
            case PositionChanged changed: Track(changed.Position); break;
            case PositionsRepriced repriced: foreach (var p in repriced.Positions) Track(p); break;
        }
        foreach (var handler in _subscribers)
        {
            try { handler(e); }
            catch (Exception) { /* a broken subscriber must never stop the engine */ }
        }
    }

    /// <summary>Seeds the open positions at engine start.</summary>
    public void ResetOpenPositions(IEnumerable<PositionSnapshot> open) =>
        _open = open.ToImmutableDictionary(p => p.Id);

    private void Track(PositionSnapshot p) =>
        ImmutableInterlocked.Update(ref _open, d => p.Status == "open" ? d.SetItem(p.Id, p) : d.Remove(p.Id));

    private void Remember(LogEntry log)
    {
        lock (_logLock)
        {
            if (_recentLog.Count >= LogCapacity) _recentLog.Dequeue();
            _recentLog.Enqueue(log);
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
