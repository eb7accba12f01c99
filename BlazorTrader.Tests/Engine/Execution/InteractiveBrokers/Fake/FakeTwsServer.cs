using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>What a fake session received from its client, after the handshake.</summary>
internal sealed record FakeReceived(int ClientId, string[] Fields)
{
    public int MessageId => int.Parse(Fields[0], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A fake TWS on loopback with the minimum behaviour of reference §8: handshake capped at 178, START_API with duplicate
/// client id detection, orders answered Submitted then (for MKT) Filled with execution and commission, queries answered
/// from its book, and fault injection (connectivity codes, unknown ids, dropped sockets, unanswered pings).
/// </summary>
internal sealed partial class FakeTwsServer : IAsyncDisposable
{
    public const string Account = "DU1234567";
    public const int MaxVersion = 178;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<FakeTwsSession, byte> _sessions = new();
    private readonly ConcurrentDictionary<int, byte> _clientIdsInUse = new();
    private readonly Task _acceptLoop;

    private FakeTwsServer(int nextOrderId)
    {
        Book.NextOrderId = nextOrderId;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public static FakeTwsServer Start(int nextOrderId = 1000) => new(nextOrderId);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public FakeTwsBook Book { get; } = new();

    /// <summary>Every message received after START_API, in arrival order.</summary>
    public ConcurrentQueue<FakeReceived> Received { get; } = new();

    /// <summary>Encoder regressions the fake caught (e.g. a PLACE_ORDER without 114 fields).</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>The client id of each START_API.</summary>
    public ConcurrentQueue<int> StartApiClientIds { get; } = new();

    /// <summary>The version string of each handshake, e.g. "v100..178".</summary>
    public ConcurrentQueue<string> Handshakes { get; } = new();

    /// <summary>Market orders fill at once when true; other orders stay working.</summary>
    public bool FillMarketOrders { get; set; } = true;
    public decimal FillPrice { get; set; } = 21500.25m;

    /// <summary>False simulates a silent hang: REQ_CURRENT_TIME is read but never answered.</summary>
    public bool AnswerPings { get; set; } = true;

    /// <summary>False leaves out MANAGED_ACCTS after START_API (the client must not become ready).</summary>
    public bool SendManagedAccounts { get; set; } = true;

    /// <summary>False leaves out NEXT_VALID_ID after START_API (the client must not become ready).</summary>
    public bool SendNextValidId { get; set; } = true;

    /// <summary>True simulates TWS being down (e.g. a daily restart): connections are closed at once.</summary>
    public bool RefuseConnections { get; set; }

    public int ActiveSessions => _sessions.Count;

    public IReadOnlyList<string[]> ReceivedMessages(int messageId) =>
        [.. Received.Where(r => r.MessageId == messageId).Select(r => r.Fields)];

    /// <summary>Marks a client id as used by someone else, so the next START_API with it gets 326.</summary>
    public void OccupyClientId(int clientId) => _clientIdsInUse[clientId] = 0;

    internal bool TryClaimClientId(int clientId) => _clientIdsInUse.TryAdd(clientId, 0);

    internal void ReleaseClientId(int clientId) => _clientIdsInUse.TryRemove(clientId, out _);

    public async Task SendToAllAsync(params string[] fields)
    {
        foreach (var session in _sessions.Keys)
            await session.SendAsync(fields);
    }

    /// <summary>ERR_MSG with id -1, as TWS sends 1100/1101/1102 and farm notices.</summary>
    public Task SendSystemErrorAsync(int code, string text) =>
        SendToAllAsync("4", "2", "-1", code.ToString(System.Globalization.CultureInfo.InvariantCulture), text, "");

    /// <summary>Closes every socket with a FIN, like TWS at its daily restart. The book and ids are kept.</summary>
    public async Task DropAllAsync()
    {
        foreach (var session in _sessions.Keys)
            await session.CloseAsync();
    }

    /// <summary>Closes every socket with a RST (SO_LINGER 0) instead of a FIN.</summary>
    public async Task ResetAllAsync()
    {
        foreach (var session in _sessions.Keys)
            await session.CloseAsync(reset: true);
    }

    /// <summary>Sends the first bytes of a frame, then closes: the client must not take the fragment for a message.</summary>
    public async Task SendPartialFrameThenCloseAsync()
    {
        foreach (var session in _sessions.Keys)
            await session.SendPartialFrameThenCloseAsync();
    }

    /// <summary>Fills a working order without telling anyone, as happens while the client is away.
    /// It shows up only through REQ_EXECUTIONS and REQ_POSITIONS.</summary>
    public void FillSilently(int orderId, decimal price)
    {
        lock (Book.Gate)
            Book.Fill(Book.Orders[orderId], price);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await DropAllAsync();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (RefuseConnections)
            {
                tcp.Dispose();
                continue;
            }
            var session = new FakeTwsSession(this, tcp);
            _sessions[session] = 0;
            _ = RunSessionAsync(session);
        }
    }

    private async Task RunSessionAsync(FakeTwsSession session)
    {
        try
        {
            await session.RunAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The client or the test closed the socket.
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            await session.CloseAsync();
        }
    }
}
