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
        if (e is LogEntry log) Remember(log);
        foreach (var handler in _subscribers)
        {
            try { handler(e); }
            catch (Exception) { /* a broken subscriber must never stop the engine */ }
        }
    }

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
