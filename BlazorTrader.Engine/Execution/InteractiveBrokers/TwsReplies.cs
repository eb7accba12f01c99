namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Collects the answers to one request from the single message stream: messages that belong to it until its end
/// message, or an error for a request id. Registered before the request is sent, so nothing can slip past.
/// </summary>
internal sealed class TwsReplies
{
    // TwsClient numbers requests from 2^30 up, far above order ids; requests of one kind are made one at a time.
    private const int FirstRequestId = 1 << 30;
    private readonly Lock _gate = new();
    private readonly List<Collector> _open = [];

    /// <summary>Starts collecting; the caller sends the request, then awaits <see cref="Collector.WaitAsync"/>
    /// (or calls <see cref="Collector.Abandon"/> if sending failed).</summary>
    public Collector Expect(bool failOnRequestError, Func<TwsMessage, bool> belongs, Func<TwsMessage, bool> isEnd)
    {
        var collector = new Collector(this, failOnRequestError, belongs, isEnd);
        lock (_gate) _open.Add(collector);
        return collector;
    }

    /// <summary>Called by the reader for every message.</summary>
    public void Feed(TwsMessage message)
    {
        lock (_gate)
        {
            foreach (var c in _open)
            {
                // A finished collector's list belongs to its caller now: never touch it again.
                if (c.Done.Task.IsCompleted) continue;
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

    private void Remove(Collector c)
    {
        lock (_gate) _open.Remove(c);
    }

    internal sealed class Collector(TwsReplies owner, bool failOnRequestError, Func<TwsMessage, bool> belongs, Func<TwsMessage, bool> isEnd)
    {
        public bool FailOnRequestError { get; } = failOnRequestError;
        public Func<TwsMessage, bool> Belongs { get; } = belongs;
        public Func<TwsMessage, bool> IsEnd { get; } = isEnd;
        public List<TwsMessage> Items { get; } = [];
        public TaskCompletionSource<List<TwsMessage>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<List<TwsMessage>> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
        {
            try { return await Done.Task.WaitAsync(timeout, time, ct); }
            finally { owner.Remove(this); }
        }

        public void Abandon() => owner.Remove(this);
    }
}
