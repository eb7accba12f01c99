namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Collects the answers to one request from the single message stream: messages that belong to it until its end
/// message, or an error for its request id. Registered before the request is sent, so nothing can slip past.
/// </summary>
internal sealed class TwsReplies
{
    // TwsClient numbers requests from 2^30 up, far above order ids; requests of one kind are made one at a time.
    private const int FirstRequestId = 1 << 30;
    private readonly Lock _gate = new();
    private readonly List<Collector> _open = [];

    public Task<List<TwsMessage>> Expect(bool failOnRequestError, Func<TwsMessage, bool> belongs, Func<TwsMessage, bool> isEnd,
        TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var collector = new Collector(failOnRequestError, belongs, isEnd);
        lock (_gate) _open.Add(collector);
        return WaitAsync(collector, timeout, time, ct);
    }

    private async Task<List<TwsMessage>> WaitAsync(Collector collector, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        try { return await collector.Done.Task.WaitAsync(timeout, time, ct); }
        finally { lock (_gate) _open.Remove(collector); }
    }

    /// <summary>Called by the reader for every message.</summary>
    public void Feed(TwsMessage message)
    {
        lock (_gate)
        {
            foreach (var c in _open)
            {
                if (message is TwsErrorMessage { Kind: TwsErrorKind.Error } error && c.FailOnRequestError && error.Id >= FirstRequestId)
                    c.Done.TrySetException(new IbContractException($"TWS error {error.Code}: {error.Text}"));
                else if (c.IsEnd(message)) c.Done.TrySetResult(c.Items);
                else if (c.Belongs(message)) c.Items.Add(message);
            }
        }
    }

    /// <summary>The session ended: nothing outstanding will be answered.</summary>
    public void FailAll()
    {
        lock (_gate)
            foreach (var c in _open) c.Done.TrySetException(new TwsNotConnectedException(TwsConnectionState.Disconnected));
    }

    private sealed record Collector(bool FailOnRequestError, Func<TwsMessage, bool> Belongs, Func<TwsMessage, bool> IsEnd)
    {
        public List<TwsMessage> Items { get; } = [];
        public TaskCompletionSource<List<TwsMessage>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
