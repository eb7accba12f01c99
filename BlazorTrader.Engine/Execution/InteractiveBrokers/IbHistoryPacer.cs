namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// IB's hard pacing rule for historical bars of 30 seconds or less: at most 60 requests in any 10 minutes, else error 162
/// and a pacing violation. A request over the limit is not sent (the caller keeps the bars it has) rather than queued: a
/// scan must not wait minutes on the engine loop. The other rules (no identical request within 15 s, fewer than six for one
/// contract within 2 s) are kept by the caller's cache of the last answer and by asking once per symbol per scan.
/// </summary>
internal sealed class IbHistoryPacer(TimeProvider time, int maxRequests = 60, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(10);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _gate = new();

    /// <summary>True (and counted) when one more request fits in the window now.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_sent.Count > 0 && now - _sent.Peek() >= _window) _sent.Dequeue();
            if (_sent.Count >= maxRequests) return false;
            _sent.Enqueue(now);
            return true;
        }
    }
}
