using System.Collections.Concurrent;
using System.Threading.Channels;
using BlazorTrader.Engine.MarketData.TradingView;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

/// <summary>The client against a fake TradingView on a real loopback websocket.</summary>
public sealed class TradingViewQuoteClientTests : IAsyncLifetime
{
    private const string Mnq = "CME_MINI:MNQ1!";
    private const string Aapl = "NASDAQ:AAPL";
    private const string MnqSnapshot = """{"lp":21500.25,"lp_time":1763649000,"bid":21500,"ask":21500.5,"volume":1000,"update_mode":"streaming","original_name":"CME_MINI:MNQ1!","status":"streaming"}""";
    private const string AaplSnapshot = """{"lp":230.5,"bid":230.49,"ask":230.51,"volume":5000000,"update_mode":"streaming","original_name":"BATS:AAPL"}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero));
    private readonly Channel<TradingViewQuote> _quotes = Channel.CreateUnbounded<TradingViewQuote>();
    private readonly ConcurrentQueue<TradingViewError> _errors = new();
    private readonly ConcurrentQueue<TradingViewConnectionState> _states = new();
    private FakeTradingViewServer _server = null!;
    private TradingViewQuoteClient? _client;

    public async Task InitializeAsync()
    {
        var script = new FakeTradingViewScript();
        script.Snapshots[Mnq] = MnqSnapshot;
        script.Snapshots[Aapl] = AaplSnapshot;
        script.BadTokens.Add("bad-token-123");
        _server = await FakeTradingViewServer.StartAsync(script);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
            await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task OnConnectItSendsTokenSessionFieldsAndSymbolsInOrderWithBrowserHeaders()
    {
        await StartClientAsync([Mnq, Aapl]);

        var connection = await _server.NextConnectionAsync();
        await connection.NextRequestAsync("quote_add_symbols");

        var requests = connection.Requests;
        Assert.Equal(["set_auth_token", "quote_create_session", "quote_set_fields", "quote_add_symbols"], requests.Select(r => r.Method));
        Assert.Equal(["unauthorized_user_token"], requests[0].Params);
        var session = Assert.Single(requests[1].Params);
        Assert.Matches("^qs_[A-Za-z0-9]{12}$", session);
        Assert.Equal(session, requests[2].Params[0]);
        Assert.Subset(requests[2].Params.ToHashSet(), new HashSet<string> { "lp", "lp_time", "bid", "ask", "volume", "update_mode", "original_name", "status" });
        Assert.Equal([session, Mnq, Aapl], requests[3].Params);
        Assert.Equal("https://www.tradingview.com", connection.Origin);
        Assert.StartsWith("Mozilla/5.0", connection.UserAgent);
        Assert.Equal(TradingViewConnectionState.Connected, _client!.State);
    }

    [Fact]
    public async Task EchoesEveryHeartbeatFrameVerbatimIncludingOnesPackedWithOtherMessages()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();
        await connection.NextRequestAsync("quote_add_symbols");

        await connection.SendRawAsync("~m~4~m~~h~1");
        var first = await connection.NextHeartbeatEchoAsync();
        await connection.SendAsync(connection.Qsd(Mnq, """{"volume":1001}"""), FakeTradingViewConnection.Heartbeat(10));
        var second = await connection.NextHeartbeatEchoAsync();

        Assert.Equal("~m~4~m~~h~1", first);
        Assert.Equal("~m~5~m~~h~10", second);
    }

    [Fact]
    public async Task MergesTheSnapshotAndPartialUpdatesAndStampsThemWithTheInjectedClock()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();

        var snapshot = await NextQuoteAsync();
        _time.Advance(TimeSpan.FromSeconds(3));
        await connection.SendAsync(connection.Qsd(Mnq, """{"volume":1003}"""));
        var volumeOnly = await NextQuoteAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        await connection.SendAsync(connection.Qsd(Mnq, """{"lp":21501,"bid":21500.75,"lp_time":1763649005}"""));
        var newPrice = await NextQuoteAsync();

        var start = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        Assert.Equal(new TradingViewQuote(Mnq, 21500.25, 21500, 21500.5, 1000, "streaming", Mnq, start), snapshot with { LastTime = null });
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763649000), snapshot.LastTime);
        Assert.Equal(new TradingViewQuote(Mnq, 21500.25, 21500, 21500.5, 1003, "streaming", Mnq, start.AddSeconds(3)), volumeOnly with { LastTime = null });
        Assert.Equal(new TradingViewQuote(Mnq, 21501, 21500.75, 21500.5, 1003, "streaming", Mnq, start.AddSeconds(5)), newPrice with { LastTime = null });
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763649005), newPrice.LastTime);
        Assert.Equal(start.AddSeconds(5), _client!.GetLastUpdate(Mnq));
        Assert.Equal(start.AddSeconds(5), _client.LastMessageAt);
        Assert.Null(_client.GetLastUpdate(Aapl));
    }

    [Fact]
    public async Task ProcessesEveryMessagePackedIntoOneWebsocketMessage()
    {
        await StartClientAsync([Mnq, Aapl]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();
        await NextQuoteAsync();

        await connection.SendAsync(
            connection.Qsd(Mnq, """{"lp":21502}"""),
            FakeTradingViewConnection.Heartbeat(3),
            connection.Qsd(Aapl, """{"lp":231}"""),
            FakeTradingViewConnection.Method("quote_completed", connection.QuoteSession, Aapl),
            connection.Qsd(Mnq, """{"lp":21503}"""));

        Assert.Equal((Mnq, 21502d), Summary(await NextQuoteAsync()));
        Assert.Equal((Aapl, 231d), Summary(await NextQuoteAsync()));
        Assert.Equal((Mnq, 21503d), Summary(await NextQuoteAsync()));
        Assert.Equal("~m~4~m~~h~3", await connection.NextHeartbeatEchoAsync());
    }

    [Fact]
    public async Task ReassemblesALargeMessageSentAsManyWebsocketFramesSplitInsideACharacter()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();
        // A 100k-character description of 3-byte characters: 7-byte chunks cut through most of them.
        var description = string.Concat(Enumerable.Repeat("가나다", 34_000));
        var big = connection.Qsd(Mnq, $$"""{"description":"{{description}}","volume":1}""");

        await connection.SendRawAsync(TradingViewFrameCodec.Encode([big, connection.Qsd(Mnq, """{"lp":21510}""")]), chunkBytes: 7);

        Assert.True(big.Length > 100_000);
        Assert.Equal((21500.25, 1d), (await NextQuoteAsync()).Map(q => (q.Last!.Value, q.Volume!.Value)));
        Assert.Equal(21510, (await NextQuoteAsync()).Last);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task CountsNonAsciiPayloadLengthsInUtf16UnitsAndToleratesByteCountingServers()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();
        var korean = connection.Qsd(Mnq, """{"description":"마이크로 나스닥 📈","lp":21520}""");
        var byteCounted = $"~m~{System.Text.Encoding.UTF8.GetByteCount(korean)}~m~{korean}";

        await connection.SendAsync(korean, connection.Qsd(Mnq, """{"lp":21521}"""));
        var first = await NextQuoteAsync();
        var second = await NextQuoteAsync();
        await connection.SendRawAsync(byteCounted + TradingViewFrameCodec.Encode(connection.Qsd(Mnq, """{"lp":21522}""")));
        var third = await NextQuoteAsync();
        var fourth = await NextQuoteAsync();

        Assert.Equal([21520d, 21521d, 21520d, 21522d], new[] { first, second, third, fourth }.Select(q => q.Last!.Value));
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task KeepsTheDelayedFeedMarkersOfACmeSymbol()
    {
        _server.Script.Snapshots[Mnq] =
            """{"lp":21400,"lp_time":1763649000,"update_mode":"delayed_streaming_600","original_name":"CME_MINI_DL:MNQ1!","volume":1e+100}""";
        await StartClientAsync([Mnq]);

        var quote = await NextQuoteAsync();

        Assert.Equal("delayed_streaming_600", quote.UpdateMode);
        Assert.Equal("CME_MINI_DL:MNQ1!", quote.OriginalName);
        Assert.False(quote.IsStreaming);
        Assert.True(TradingViewSymbolMap.IsDelayedFeedName(quote.OriginalName));
        Assert.Equal(1e100, quote.Volume);
    }

    [Fact]
    public async Task AnUnknownSymbolIsReportedAndPublishesNoQuote()
    {
        await StartClientAsync(["NOPE:NOPE", Aapl]);

        var quote = await NextQuoteAsync();

        Assert.Equal(Aapl, quote.Symbol);
        var error = Assert.Single(_errors);
        Assert.Equal((TradingViewErrorKind.SymbolError, "NOPE:NOPE"), (error.Kind, error.Symbol));
        Assert.Equal(0, _client!.ProtocolErrorCount);
    }

    [Fact]
    public async Task ARejectedAuthTokenIsReportedClearlyWithoutTheToken()
    {
        var reported = new TaskCompletionSource<TradingViewError>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Wall-clock time with a short backoff: with zero delay a rejected token would reconnect in a tight loop.
        await StartClientAsync([Mnq], options =>
        {
            options.AuthToken = "bad-token-123";
            options.ReconnectDelayMin = options.ReconnectDelayMax = TimeSpan.FromMilliseconds(100);
        }, client => client.ErrorReported += (_, error) => reported.TrySetResult(error), TimeProvider.System);

        var error = await reported.Task.WaitAsync(FakeTradingViewServer.Timeout);
        var first = await _server.NextConnectionAsync();
        await first.Closed.WaitAsync(FakeTradingViewServer.Timeout);
        var retry = await _server.NextConnectionAsync();

        Assert.Equal(TradingViewErrorKind.ProtocolError, error.Kind);
        Assert.Contains("bad auth token", error.Message);
        Assert.Contains("TradingViewAuthToken", error.Message);
        Assert.DoesNotContain("bad-token-123", error.Message);
        Assert.True(_client!.ProtocolErrorCount >= 1);
        Assert.Equal("bad-token-123", (await retry.NextRequestAsync("set_auth_token")).Params[0]);
    }

    [Fact]
    public async Task AMalformedFrameIsReportedAndTheStreamGoesOn()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();

        await connection.SendRawAsync("this is not a frame");
        await connection.SendAsync(connection.Qsd(Mnq, """{"lp":21530}"""));

        Assert.Equal(21530, (await NextQuoteAsync()).Last);
        Assert.Equal(TradingViewErrorKind.MalformedFrame, Assert.Single(_errors).Kind);
        Assert.Equal(1, _client!.ProtocolErrorCount);
        Assert.Equal(0, _client.ReconnectCount);
    }

    [Fact]
    public async Task SetSymbolsSendsOnlyTheDifferenceAndRemovesWithTheExactStringAdded()
    {
        const string adjusted = """={"adjustment":"splits","symbol":"NASDAQ:AAPL"}""";
        await StartClientAsync([Mnq, adjusted]);
        var connection = await _server.NextConnectionAsync();
        var session = (await connection.NextRequestAsync("quote_add_symbols")).Params[0];

        await _client!.SetSymbolsAsync([Mnq, Aapl]);
        var removed = await connection.NextRequestAsync("quote_remove_symbols");
        var added = await connection.NextRequestAsync("quote_add_symbols");
        await _client.SetSymbolsAsync([Mnq, Aapl]);
        await _client.SetSymbolsAsync([Aapl]);
        var removedMnq = await connection.NextRequestAsync("quote_remove_symbols");

        Assert.Equal([session, adjusted], removed.Params);
        Assert.Equal([session, Aapl], added.Params);
        Assert.Equal([session, Mnq], removedMnq.Params);
        Assert.Equal(["quote_add_symbols", "quote_remove_symbols", "quote_add_symbols", "quote_remove_symbols"],
            connection.Requests.Select(r => r.Method).Where(m => m.Contains("symbols", StringComparison.Ordinal)));
        Assert.Equal([Aapl], _client.Symbols);
    }

    [Fact]
    public async Task UpdatesForARemovedSymbolAreIgnoredAndItsStateIsForgotten()
    {
        await StartClientAsync([Mnq, Aapl]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();
        await NextQuoteAsync();

        await _client!.SetSymbolsAsync([Aapl]);
        await connection.NextRequestAsync("quote_remove_symbols");
        await connection.SendAsync(connection.Qsd(Mnq, """{"lp":1}"""), connection.Qsd(Aapl, """{"lp":232}"""));

        Assert.Equal((Aapl, 232d), Summary(await NextQuoteAsync()));
        Assert.Null(_client.GetLastUpdate(Mnq));
        Assert.NotNull(_client.GetLastUpdate(Aapl));
    }

    [Fact]
    public async Task ACriticalErrorIsReportedAndTheConnectionStays()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();

        await connection.SendAsync(
            FakeTradingViewConnection.Method("critical_error", connection.QuoteSession, "invalid_parameters", "quote_add_symbols"),
            connection.Qsd(Mnq, """{"lp":21540}"""));

        Assert.Equal(21540, (await NextQuoteAsync()).Last);
        var error = Assert.Single(_errors);
        Assert.Equal(TradingViewErrorKind.CriticalError, error.Kind);
        Assert.Contains("invalid_parameters", error.Message);
        Assert.Equal((1L, 0L), (_client!.ProtocolErrorCount, _client.ReconnectCount));
    }

    [Fact]
    public async Task AQuoteTheCallersChannelRefusesIsCountedNotAwaited()
    {
        var full = Channel.CreateBounded<TradingViewQuote>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });
        var options = new TradingViewClientOptions { Url = _server.Url, ReconnectDelayMin = TimeSpan.Zero, ReconnectDelayMax = TimeSpan.Zero };
        _client = new TradingViewQuoteClient(options, full.Writer, _time);
        await _client.SetSymbolsAsync([Mnq]);
        _client.Start();
        var connection = await _server.NextConnectionAsync();
        await connection.NextRequestAsync("quote_add_symbols");
        // The fake answers the subscription with a snapshot on its own task: let it land first.
        var deadline = DateTime.UtcNow + FakeTradingViewServer.Timeout;
        while (full.Reader.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(5);

        // The heartbeat echo proves the receive loop went on past the refused quote.
        await connection.SendAsync(connection.Qsd(Mnq, """{"lp":21550}"""), FakeTradingViewConnection.Heartbeat(1));
        await connection.NextHeartbeatEchoAsync();

        Assert.Equal(1, _client.DroppedQuoteCount);
        Assert.Equal(21500.25, (await full.Reader.ReadAsync()).Last);
    }

    [Fact]
    public async Task AServerCloseMidStreamReconnectsWithANewSessionAndResubscribesEveryCurrentSymbol()
    {
        await StartClientAsync([Mnq]);
        var first = await _server.NextConnectionAsync();
        var firstSession = (await first.NextRequestAsync("quote_add_symbols")).Params[0];
        await _client!.SetSymbolsAsync([Mnq, Aapl]);
        await first.NextRequestAsync("quote_add_symbols");
        await NextQuoteAsync();
        await NextQuoteAsync();

        await first.CloseAsync();
        var second = await _server.NextConnectionAsync();
        var resubscribe = await second.NextRequestAsync("quote_add_symbols");
        await second.SendAsync(second.Qsd(Mnq, """{"lp":21600}"""));
        var afterReconnect = await NextQuoteUntilAsync(q => q.Last == 21600);

        Assert.NotEqual(firstSession, resubscribe.Params[0]);
        Assert.Equal(second.QuoteSession, resubscribe.Params[0]);
        Assert.Equal([Mnq, Aapl], resubscribe.Params.Skip(1));
        Assert.Equal(["set_auth_token", "quote_create_session", "quote_set_fields", "quote_add_symbols"], second.Requests.Select(r => r.Method));
        Assert.Equal(Mnq, afterReconnect.Symbol);
        Assert.Equal(1, _client.ReconnectCount);
        Assert.Equal(TradingViewConnectionState.Connected, _client.State);
        Assert.Contains(TradingViewConnectionState.Disconnected, _states);
    }

    [Fact]
    public async Task AnAbruptDropReconnectsAndResubscribes()
    {
        await StartClientAsync([Mnq, Aapl]);
        var first = await _server.NextConnectionAsync();
        await NextQuoteAsync();

        first.Abort();
        var second = await _server.NextConnectionAsync();
        var resubscribe = await second.NextRequestAsync("quote_add_symbols");

        Assert.Equal([second.QuoteSession!, Mnq, Aapl], resubscribe.Params);
        Assert.Equal(1, _client!.ReconnectCount);
    }

    [Fact]
    public async Task SilenceLongerThanTheNoDataTimeoutForcesAReconnect()
    {
        await StartClientAsync([Mnq], options => options.NoDataTimeout = TimeSpan.FromSeconds(25));
        var first = await _server.NextConnectionAsync();
        await NextQuoteAsync();

        _time.Advance(TimeSpan.FromSeconds(24));
        Assert.Equal(0, _client!.ReconnectCount);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _server.NextConnectionAsync();
        await second.NextRequestAsync("quote_add_symbols");

        await first.Closed.WaitAsync(FakeTradingViewServer.Timeout);
        Assert.Equal(1, _client.ReconnectCount);
    }

    [Fact]
    public async Task HeartbeatsAloneTripTheNoQuoteTimeoutWhenItIsSet()
    {
        await StartClientAsync([Mnq], options => options.NoQuoteTimeout = TimeSpan.FromSeconds(60));
        var first = await _server.NextConnectionAsync();
        await NextQuoteAsync();

        for (var beat = 1; beat <= 5; beat++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await first.SendAsync(FakeTradingViewConnection.Heartbeat(beat));
            await first.NextHeartbeatEchoAsync();
        }

        Assert.Equal(0, _client!.ReconnectCount);
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = await _server.NextConnectionAsync();

        await second.NextRequestAsync("quote_add_symbols");
        Assert.Equal(1, _client.ReconnectCount);
    }

    [Fact]
    public async Task AnUnreachableServerIsRetriedWithoutThrowing()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var thirdAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;

        await StartClientAsync([Mnq], options =>
        {
            options.Url = new Uri($"ws://127.0.0.1:{port}/socket.io/websocket");
            options.ReconnectDelayMin = options.ReconnectDelayMax = TimeSpan.FromMilliseconds(20);
        }, client => client.StateChanged += (_, state) =>
        {
            if (state == TradingViewConnectionState.Connecting && Interlocked.Increment(ref attempts) == 3)
                thirdAttempt.TrySetResult();
        }, TimeProvider.System);
        await thirdAttempt.Task.WaitAsync(FakeTradingViewServer.Timeout);

        Assert.True(_client!.ReconnectCount >= 2);
        Assert.DoesNotContain(TradingViewConnectionState.Connected, _states);
        await _client.StopAsync();
        Assert.Equal(TradingViewConnectionState.Disconnected, _client.State);
    }

    [Fact]
    public async Task StopClosesTheSocketAndReportsDisconnected()
    {
        await StartClientAsync([Mnq]);
        var connection = await _server.NextConnectionAsync();
        await NextQuoteAsync();

        await _client!.StopAsync();
        await connection.Closed.WaitAsync(FakeTradingViewServer.Timeout);

        Assert.Equal(TradingViewConnectionState.Disconnected, _client.State);
        Assert.Equal([TradingViewConnectionState.Connecting, TradingViewConnectionState.Connected, TradingViewConnectionState.Disconnected], _states);
        Assert.Equal(0, _client.ReconnectCount);
    }

    private async Task StartClientAsync(IEnumerable<string> symbols, Action<TradingViewClientOptions>? configure = null,
        Action<TradingViewQuoteClient>? subscribe = null, TimeProvider? time = null)
    {
        var options = new TradingViewClientOptions
        {
            Url = _server.Url,
            ReconnectDelayMin = TimeSpan.Zero,
            ReconnectDelayMax = TimeSpan.Zero,
            ReconnectJitter = 0,
        };
        configure?.Invoke(options);
        _client = new TradingViewQuoteClient(options, _quotes.Writer, time ?? _time);
        _client.ErrorReported += (_, error) => _errors.Enqueue(error);
        _client.StateChanged += (_, state) => _states.Enqueue(state);
        subscribe?.Invoke(_client);
        await _client.SetSymbolsAsync(symbols);
        _client.Start();
    }

    private async Task<TradingViewQuote> NextQuoteAsync() =>
        await _quotes.Reader.ReadAsync().AsTask().WaitAsync(FakeTradingViewServer.Timeout);

    private async Task<TradingViewQuote> NextQuoteUntilAsync(Func<TradingViewQuote, bool> predicate)
    {
        while (true)
        {
            var quote = await NextQuoteAsync();
            if (predicate(quote))
                return quote;
        }
    }

    private static (string, double) Summary(TradingViewQuote quote) => (quote.Symbol, quote.Last!.Value);
}

internal static class QuoteTestExtensions
{
    public static T Map<T>(this TradingViewQuote quote, Func<TradingViewQuote, T> map) => map(quote);
}
