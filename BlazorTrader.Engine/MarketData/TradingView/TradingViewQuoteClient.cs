using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Websocket.Client;
using Websocket.Client.Exceptions;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>
/// Streams TradingView quotes over one long-lived socket and one quote session for all symbols.
/// <see cref="Start"/> connects in the background and keeps reconnecting (with backoff) until <see cref="StopAsync"/>;
/// each update of a symbol with a last price is written to the caller's channel as the merged state.
/// </summary>
/// <remarks>
/// Websocket.Client's own reconnection is off: it retries a server close at once with no backoff (a bad token would
/// hammer TradingView) and runs on wall-clock timers. This class builds one client per connection instead.
/// </remarks>
public sealed class TradingViewQuoteClient : IAsyncDisposable
{
    private readonly TradingViewClientOptions _options;
    private readonly ChannelWriter<TradingViewQuote> _quotes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<string> _symbols = [];
    private HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TradingViewSymbolState> _states = new(StringComparer.Ordinal);
    private TradingViewConnection? _current;
    private CancellationTokenSource? _stop;
    private Task? _run;
    private long _reconnects;
    private long _protocolErrors;
    private long _droppedQuotes;
    private long _lastMessageUtcTicks;
    private int _state;

    /// <param name="quotes">Receives merged quotes. It must not block: use an unbounded channel or DropOldest; a refused
    /// write is counted in <see cref="DroppedQuoteCount"/>. The client never completes it.</param>
    public TradingViewQuoteClient(TradingViewClientOptions options, ChannelWriter<TradingViewQuote> quotes,
        TimeProvider? time = null, ILogger<TradingViewQuoteClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(quotes);
        _options = options;
        _quotes = quotes;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public event EventHandler<TradingViewConnectionState>? StateChanged;

    /// <summary>Protocol errors (e.g. a rejected auth token), symbol errors and undecodable input.</summary>
    public event EventHandler<TradingViewError>? ErrorReported;

    public TradingViewConnectionState State => (TradingViewConnectionState)Volatile.Read(ref _state);

    /// <summary>Connection attempts after the first one.</summary>
    public long ReconnectCount => Interlocked.Read(ref _reconnects);

    /// <summary>Every reported error except <see cref="TradingViewErrorKind.SymbolError"/>.</summary>
    public long ProtocolErrorCount => Interlocked.Read(ref _protocolErrors);

    public long DroppedQuoteCount => Interlocked.Read(ref _droppedQuotes);

    /// <summary>When anything (heartbeats included) last arrived on any connection.</summary>
    public DateTimeOffset? LastMessageAt =>
        Interlocked.Read(ref _lastMessageUtcTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public IReadOnlyList<string> Symbols
    {
        get { lock (_gate) return [.. _symbols]; }
    }

    /// <summary>When <paramref name="symbol"/> last got a quote update; null if it never did or is not subscribed.</summary>
    public DateTimeOffset? GetLastUpdate(string symbol) => _states.TryGetValue(symbol, out var state) ? state.UpdatedAt : null;

    public void Start()
    {
        lock (_gate)
        {
            if (_run is not null)
                return;
            _stop = new CancellationTokenSource();
            var stop = _stop.Token;
            // Off the caller's thread and lock: the loop raises events and connects before its first await.
            _run = Task.Run(() => RunAsync(stop), CancellationToken.None);
        }
    }

    public async Task StopAsync()
    {
        Task? run;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            (run, stop, _run, _stop) = (_run, _stop, null, null);
        }

        if (run is null || stop is null)
            return;
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await run.ConfigureAwait(false);
        }
        finally
        {
            stop.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>
    /// Makes the subscription set exactly <paramref name="symbols"/> (TradingView symbols such as <c>CME_MINI:MNQ1!</c>):
    /// only the difference is sent, removals with the exact string that was added. Applies to every later reconnect.
    /// </summary>
    public Task SetSymbolsAsync(IEnumerable<string> symbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = new List<string>();
        var wantedSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(symbol, nameof(symbols));
            if (wantedSet.Add(symbol))
                wanted.Add(symbol);
        }

        lock (_gate)
        {
            var added = wanted.Where(s => !_subscribed.Contains(s)).ToList();
            var removed = _symbols.Where(s => !wantedSet.Contains(s)).ToList();
            _symbols.Clear();
            _symbols.AddRange(wanted);
            _subscribed = wantedSet;
            foreach (var symbol in removed)
                _states.TryRemove(symbol, out _);

            if (_current is { IsEnded: false } connection)
            {
                if (removed.Count > 0)
                    connection.Send(TradingViewRequests.QuoteRemoveSymbols(connection.QuoteSession, removed));
                if (added.Count > 0)
                    connection.Send(TradingViewRequests.QuoteAddSymbols(connection.QuoteSession, added));
            }
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectDelayMin, _options.ReconnectDelayMax, _options.ReconnectJitter);
        try
        {
            for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
            {
                if (attempt > 0)
                    Interlocked.Increment(ref _reconnects);

                var (reason, receivedQuote) = await RunGuardedConnectionAsync(stop).ConfigureAwait(false);
                SetState(TradingViewConnectionState.Disconnected);
                if (stop.IsCancellationRequested)
                    break;

                // Only a connection that delivered data resets the backoff: a rejected token must not cause a tight loop.
                if (receivedQuote)
                    backoff.Reset();
                var delay = backoff.Next();
                _logger.ConnectionEnded(reason, delay);
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            SetState(TradingViewConnectionState.Disconnected);
            _logger.Stopped();
        }
    }

    // A bug in one connection must not end the feed: report it and reconnect like after any other loss.
    private async Task<(string Reason, bool ReceivedQuote)> RunGuardedConnectionAsync(CancellationToken stop)
    {
        try
        {
            return await RunConnectionAsync(stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.SubscriberFailed(ex);
            return ($"unexpected {ex.GetType().Name}: {ex.Message}", false);
        }
    }

    private async Task<(string Reason, bool ReceivedQuote)> RunConnectionAsync(CancellationToken stop)
    {
        SetState(TradingViewConnectionState.Connecting);
        _logger.Connecting(_options.Url);
        // No logger for the library on purpose: it logs unsent messages verbatim, and one of them carries the token.
        using var socket = new WebsocketClient(_options.Url, CreateNativeSocket)
        {
            Name = "tradingview",
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            ConnectTimeout = _options.ConnectTimeout,
        };
        var connection = new TradingViewConnection(socket, TradingViewRequests.NewQuoteSessionId(), _time.GetUtcNow());
        using var received = socket.MessageReceived.Subscribe(message => OnMessage(connection, message));
        using var lost = socket.DisconnectionHappened.Subscribe(info => connection.End(Describe(info)));
        try
        {
            await socket.StartOrFail().WaitAsync(stop).ConfigureAwait(false);
        }
        catch (WebsocketException ex)
        {
            _logger.ConnectFailed(ex.GetBaseException().Message);
            return ("connect failed", false);
        }

        // The liveness timer exists before any request goes out, so whoever sees the setup can rely on it.
        using var liveness = _time.CreateTimer(_ => CheckLiveness(connection), null,
            _options.LivenessCheckInterval, _options.LivenessCheckInterval);
        Activate(connection);
        using var stopping = stop.Register(() => connection.End("stopped"));
        var reason = await connection.Ended.ConfigureAwait(false);
        lock (_gate)
        {
            if (_current == connection)
                _current = null;
        }

        if (stop.IsCancellationRequested)
            await CloseGracefullyAsync(socket).ConfigureAwait(false);
        return (reason, connection.ReceivedQuote);
    }

    private ClientWebSocket CreateNativeSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", _options.Origin);
        socket.Options.SetRequestHeader("User-Agent", _options.UserAgent);
        return socket;
    }

    // Setup and SetSymbolsAsync share the lock, so a symbol change during a reconnect is never lost or sent twice.
    private void Activate(TradingViewConnection connection)
    {
        int symbolCount;
        lock (_gate)
        {
            _current = connection;
            var session = connection.QuoteSession;
            connection.Send(TradingViewRequests.SetAuthToken(_options.AuthToken));
            connection.Send(TradingViewRequests.QuoteCreateSession(session));
            connection.Send(TradingViewRequests.QuoteSetFields(session, _options.QuoteFields));
            if (_symbols.Count > 0)
                connection.Send(TradingViewRequests.QuoteAddSymbols(session, _symbols));
            symbolCount = _symbols.Count;
        }

        SetState(TradingViewConnectionState.Connected);
        _logger.Connected(connection.QuoteSession, symbolCount);
    }

    private void CheckLiveness(TradingViewConnection connection)
    {
        var now = _time.GetUtcNow();
        if (!connection.IsSocketRunning)
            connection.End("socket is no longer running");
        else if (now - connection.LastActivityAt >= _options.NoDataTimeout)
            connection.End(string.Create(CultureInfo.InvariantCulture, $"nothing received for {_options.NoDataTimeout.TotalSeconds:0.###} s"));
        else if (_options.NoQuoteTimeout is { } quiet && Symbols.Count > 0 && now - connection.LastQuoteAt >= quiet)
            connection.End(string.Create(CultureInfo.InvariantCulture, $"no quote for {quiet.TotalSeconds:0.###} s"));
    }

    // Runs on the library's receive loop: it must never throw, or the loop dies.
    private void OnMessage(TradingViewConnection connection, ResponseMessage message)
    {
        if (connection.IsEnded)
            return;
        var now = _time.GetUtcNow();
        try
        {
            connection.MarkActivity(now);
            Interlocked.Exchange(ref _lastMessageUtcTicks, now.UtcTicks);
            if (message.MessageType != WebSocketMessageType.Text || message.Text is null)
            {
                Report(TradingViewErrorKind.InvalidMessage, "binary websocket message", null, now);
                return;
            }

            var frame = TradingViewFrameCodec.Decode(message.Text);
            if (frame.UsedFallback)
                _logger.FrameLengthMismatch();
            foreach (var payload in frame.Payloads)
                Handle(connection, payload, now);
            if (frame.Error is { } error)
                Report(TradingViewErrorKind.MalformedFrame, $"{error} in a message of {message.Text.Length} characters", null, now);
        }
        catch (Exception ex)
        {
            _logger.SubscriberFailed(ex);
        }
    }

    private void Handle(TradingViewConnection connection, string payload, DateTimeOffset now)
    {
        switch (TradingViewMessageParser.Parse(payload))
        {
            case TradingViewHeartbeat:
                connection.SendFrame(TradingViewFrameCodec.Encode(payload)); // the identical frame, at once
                break;
            case TradingViewHello hello:
                _logger.HelloReceived(hello.SessionId, hello.Release);
                break;
            case QuoteDataMessage quote:
                OnQuoteData(connection, quote, now);
                break;
            case ProtocolErrorMessage error:
                Report(TradingViewErrorKind.ProtocolError, DescribeProtocolError(error.Message), null, now);
                connection.End($"protocol_error: {error.Message}");
                break;
            case CriticalErrorMessage error:
                Report(TradingViewErrorKind.CriticalError, $"TradingView critical_error {error.Error} ({error.Detail})", null, now);
                break;
            case InvalidTradingViewMessage invalid:
                Report(TradingViewErrorKind.InvalidMessage, $"{invalid.Reason}: {Truncate(invalid.Payload)}", null, now);
                break;
        }
    }

    private void OnQuoteData(TradingViewConnection connection, QuoteDataMessage message, DateTimeOffset now)
    {
        TradingViewSymbolState? state = null;
        lock (_gate)
        {
            // Late updates for a removed symbol or a dead session are not ours any more.
            if (message.QuoteSession != connection.QuoteSession || !_subscribed.Contains(message.Symbol))
                return;
            if (!message.IsError)
                state = _states.GetOrAdd(message.Symbol, symbol => new TradingViewSymbolState(symbol));
        }

        if (state is null)
        {
            Report(TradingViewErrorKind.SymbolError, $"TradingView has no quote for {message.Symbol}", message.Symbol, now);
            return;
        }

        connection.MarkQuote(now);
        if (state.Apply(message.Changes, now) is { } quote && !_quotes.TryWrite(quote))
        {
            Interlocked.Increment(ref _droppedQuotes);
            _logger.QuoteDropped(message.Symbol);
        }
    }

    private void Report(TradingViewErrorKind kind, string message, string? symbol, DateTimeOffset at)
    {
        if (kind != TradingViewErrorKind.SymbolError)
            Interlocked.Increment(ref _protocolErrors);
        _logger.ErrorReported(kind, message);
        Raise(ErrorReported, new TradingViewError(kind, message, symbol, at));
    }

    private void SetState(TradingViewConnectionState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) != (int)state)
            Raise(StateChanged, state);
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
        catch (Exception ex)
        {
            _logger.SubscriberFailed(ex);
        }
    }

    private static async Task CloseGracefullyAsync(WebsocketClient socket)
    {
        // Wall clock on purpose: this only bounds a polite close that a dead server never answers.
        await Task.WhenAny(socket.Stop(WebSocketCloseStatus.NormalClosure, "client stopped"), Task.Delay(TimeSpan.FromSeconds(2)))
            .ConfigureAwait(false);
    }

    private static string DescribeProtocolError(string message) =>
        message.Contains("auth", StringComparison.OrdinalIgnoreCase)
            ? $"TradingView rejected the auth token ({message}); check MarketData:TradingViewAuthToken"
            : $"TradingView protocol_error: {message}";

    private static string Describe(DisconnectionInfo info) =>
        info.CloseStatus is { } status
            ? $"{info.Type} (close {(int)status} {info.CloseStatusDescription})"
            : $"{info.Type}{(info.Exception is { } ex ? ": " + ex.GetBaseException().Message : "")}";

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
