namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Hands out TWS order ids so that none is ever used twice, across reconnects and process restarts. TWS rejects a
/// reused id of a closed order (103) and treats the id of a working order as a modify, so reuse is never harmless.
/// </summary>
internal interface IOrderIdStore
{
    /// <summary>Raises the next id to at least <paramref name="nextValidId"/> (from NEXT_VALID_ID, or one past an id
    /// seen in ORDER_STATUS/OPEN_ORDER). Never lowers it.</summary>
    ValueTask ObserveAsync(int nextValidId, CancellationToken cancellationToken = default);

    /// <summary>Reserves <paramref name="count"/> consecutive ids and returns the first. The reservation is durable
    /// before it returns, so a crash right after can only skip ids, never repeat one.</summary>
    ValueTask<int> AllocateAsync(int count = 1, CancellationToken cancellationToken = default);
}

/// <summary>Keeps the next id in memory: enough within one process, and for tests.</summary>
internal sealed class InMemoryOrderIdStore(int initialNextId = 1) : IOrderIdStore
{
    private readonly Lock _gate = new();
    private int _next = initialNextId;

    public int NextId
    {
        get { lock (_gate) return _next; }
    }

    public ValueTask ObserveAsync(int nextValidId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            _next = Math.Max(_next, nextValidId);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> AllocateAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            var first = _next;
            _next += count;
            return ValueTask.FromResult(first);
        }
    }
}
