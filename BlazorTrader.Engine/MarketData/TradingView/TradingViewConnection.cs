using Websocket.Client;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>
/// One socket's lifetime: its quote session id, liveness times and the reason it ended. All server-side state dies
/// with the socket, so a reconnect gets a new instance and replays the whole setup.
/// </summary>
internal sealed class TradingViewConnection(IWebsocketClient socket, string quoteSession, DateTimeOffset openedAt)
{
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastActivityUtcTicks = openedAt.UtcTicks;
    private long _lastQuoteUtcTicks = openedAt.UtcTicks;
    private int _receivedQuote;

    public string QuoteSession { get; } = quoteSession;

    /// <summary>Completes with the reason once the connection is over, whoever noticed first.</summary>
    public Task<string> Ended => _ended.Task;

    public bool IsEnded => _ended.Task.IsCompleted;

    public bool IsSocketRunning => socket.IsRunning;

    public bool ReceivedQuote => Volatile.Read(ref _receivedQuote) == 1;

    public DateTimeOffset LastActivityAt => new(Interlocked.Read(ref _lastActivityUtcTicks), TimeSpan.Zero);

    public DateTimeOffset LastQuoteAt => new(Interlocked.Read(ref _lastQuoteUtcTicks), TimeSpan.Zero);

    public void MarkActivity(DateTimeOffset at) => Interlocked.Exchange(ref _lastActivityUtcTicks, at.UtcTicks);

    public void MarkQuote(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _lastQuoteUtcTicks, at.UtcTicks);
        Volatile.Write(ref _receivedQuote, 1);
    }

    /// <summary>Frames and queues one payload; the library sends in order on its own thread.</summary>
    public void Send(string payload) => SendFrame(TradingViewFrameCodec.Encode(payload));

    public void SendFrame(string frame)
    {
        if (!IsEnded)
            socket.Send(frame);
    }

    public void End(string reason) => _ended.TrySetResult(reason);
}
