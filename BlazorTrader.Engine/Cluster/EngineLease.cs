namespace BlazorTrader.Engine.Cluster;

/// <summary>
/// The lead held by this instance under one epoch. <see cref="Lost"/> is cancelled as soon as anything learns the lead
/// is gone (the lock session failed its check, or a fenced write found a newer epoch); the engine loop links it to its
/// own token so it stops within a check interval, and the supervisor restarts it as a candidate.
/// </summary>
public sealed class EngineLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly IAsyncDisposable _lock;
    private readonly Func<Task> _released;
    private string? _reason;

    internal EngineLease(long epoch, IAsyncDisposable heldLock, Func<Task> released)
    {
        Epoch = epoch;
        _lock = heldLock;
        _released = released;
        Lost = _lost.Token;
    }

    /// <summary>The fencing token this instance claimed; every fenced write compares the stored epoch with it.</summary>
    public long Epoch { get; }

    /// <summary>Cancelled once the lead is known to be gone; never un-cancelled (a new lead is a new lease).</summary>
    public CancellationToken Lost { get; }

    public bool IsLost => Lost.IsCancellationRequested;

    /// <summary>Why the lead was lost, once it was.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    internal void MarkLost(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null) return;
        try { _lost.Cancel(); }
        catch (ObjectDisposedException) { /* released meanwhile */ }
    }

    /// <summary>Throws <see cref="LeadershipLostException"/> when the lead was lost; the supervisor then restarts the engine as a candidate.</summary>
    public void ThrowIfLost()
    {
        if (IsLost) throw new LeadershipLostException(Reason ?? "lost");
    }

    public async ValueTask DisposeAsync()
    {
        MarkLost("released");
        await _released();
        await _lock.DisposeAsync();
        // _lost is left to the GC: linked tokens of a stopping loop may still be looking at it.
    }
}
