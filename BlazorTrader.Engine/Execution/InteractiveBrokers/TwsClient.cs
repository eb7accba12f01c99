using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// A long-lived TWS client: connects, becomes ready once both NEXT_VALID_ID and MANAGED_ACCTS arrived, reconnects with
/// backoff when the socket drops, follows IB's link state (1100/1101/1102), pings to detect a silent hang, and hands
/// every decoded message plus its own <see cref="ConnectionStateChanged"/> notes to one reader through
/// <see cref="Messages"/>. Requests are in <c>TwsClient.Requests.cs</c>, message handling in <c>TwsClient.Inbound.cs</c>.
/// </summary>
internal sealed partial class TwsClient : IAsyncDisposable
{
    private readonly TwsClientOptions _options;
    private readonly IOrderIdStore _orderIds;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Channel<TwsMessage> _messages = Channel.CreateUnbounded<TwsMessage>(new() { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentQueue<TaskCompletionSource<DateTimeOffset>> _pendingPings = new();
    private readonly Lock _stateGate = new();
    private volatile TwsConnection? _connection;   // the current session; replaced by the supervisor on reconnect
    private Task? _supervisor;
    private TwsConnectionState _state = TwsConnectionState.Disconnected;

    public TwsClient(TwsClientOptions options, IOrderIdStore orderIds, TimeProvider time, ILogger<TwsClient>? log = null)
    {
        _options = options;
        _orderIds = orderIds;
        _time = time;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    /// <summary>Every decoded TWS message (unknown ids are skipped) and every state change, in order. One reader.</summary>
    public ChannelReader<TwsMessage> Messages => _messages.Reader;

    public TwsConnectionState State
    {
        get { lock (_stateGate) return _state; }
    }

    public int ClientId => _options.ClientId;

    /// <summary>From MANAGED_ACCTS of the current session.</summary>
    public IReadOnlyList<string> ManagedAccounts { get; private set; } = [];

    public int ServerVersion { get; private set; }

    /// <summary>
    /// Connects and waits until the session is ready. Afterwards a lost socket is reconnected in the background.
    /// </summary>
    /// <exception cref="TwsClientIdInUseException">TWS refused the client id (326); the state is ClientIdRejected.</exception>
    /// <exception cref="TwsConnectException">TWS unreachable, handshake refused, or not ready in time.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_supervisor is not null)
            throw new InvalidOperationException("The client is already connected; it reconnects by itself.");
        var session = await OpenSessionAsync(cancellationToken);
        _supervisor = SuperviseAsync(session, _lifetime.Token);
    }

    /// <summary>The caller reconciled orders, fills and positions after a 1101/1102: Restored becomes Connected.</summary>
    public void MarkReconciled() =>
        SetState(TwsConnectionState.Connected, "reconciled after the link was restored", onlyFrom: TwsConnectionState.Restored);

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        _connection?.Abort("client disposed");
        if (_supervisor is not null)
            await _supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_connection is not null)
            await _connection.DisposeAsync();
        SetState(TwsConnectionState.Disconnected, "client disposed");
        _messages.Writer.TryComplete();
    }

    /// <summary>One connection attempt, through to readiness. Leaves the state Connected, Disconnected or ClientIdRejected.</summary>
    private async Task<Session> OpenSessionAsync(CancellationToken cancellationToken)
    {
        SetState(TwsConnectionState.Connecting, $"connecting to {_options.Host}:{_options.Port} as client {_options.ClientId}");
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token, timeout.Token);
        TwsConnection? connection = null;
        try
        {
            connection = await TwsConnection.OpenAsync(_options, _time, _log, linked.Token);
            var readiness = new SessionReadiness();
            var pump = PumpAsync(connection, readiness);
            await readiness.Ready.WaitAsync(linked.Token);
            _connection = connection;
            ServerVersion = connection.ServerVersion;
            _log.Connected(_options.Host, _options.Port, _options.ClientId, connection.ServerVersion);
            SetState(TwsConnectionState.Connected, $"ready: server version {connection.ServerVersion}, accounts {string.Join(',', ManagedAccounts)}");
            StartKeepAlive(connection);
            return new Session(connection, pump);
        }
        catch (Exception ex)
        {
            if (connection is not null)
                await connection.DisposeAsync();
            if (ex is TwsClientIdInUseException rejected)
            {
                _log.ClientIdRejected(_options.ClientId, rejected.Message);
                SetState(TwsConnectionState.ClientIdRejected, rejected.Message);
                throw;
            }
            var failure = ex switch
            {
                OperationCanceledException when timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                    => new TwsConnectException($"TWS did not become ready within {_options.ConnectTimeout}.", ex),
                TwsConnectException connect => connect,
                OperationCanceledException => ex,
                _ => new TwsConnectException($"Connecting to TWS failed: {ex.Message}", ex),
            };
            SetState(TwsConnectionState.Disconnected, failure.Message);
            throw failure;
        }
    }

    /// <summary>Waits for each session to end, then reconnects with exponential backoff until disposed or refused.</summary>
    private async Task SuperviseAsync(Session session, CancellationToken stop)
    {
        while (true)
        {
            await session.Pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await session.Connection.DisposeAsync();
            if (stop.IsCancellationRequested || State == TwsConnectionState.ClientIdRejected)
                return;
            SetState(TwsConnectionState.Disconnected, session.Connection.CloseReason);
            var next = await ReconnectAsync(stop);
            if (next is null)
                return;
            session = next;
        }
    }

    private async Task<Session?> ReconnectAsync(CancellationToken stop)
    {
        var delay = _options.InitialReconnectDelay;
        while (true)
        {
            try
            {
                await _time.DelayAsync(delay, stop);
                return await OpenSessionAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            catch (TwsClientIdInUseException)
            {
                return null; // reported as ClientIdRejected; retrying the same id would loop forever
            }
            catch (Exception ex)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                _log.ReconnectFailed(ex, delay);
            }
        }
    }

    private void StartKeepAlive(TwsConnection connection)
    {
        if (_options.KeepAliveInterval is { } interval)
            _ = KeepAliveAsync(connection, interval);
    }

    /// <summary>TWS has no heartbeat: a REQ_CURRENT_TIME without answer means a hung socket, so drop it and reconnect.</summary>
    private async Task KeepAliveAsync(TwsConnection connection, TimeSpan interval)
    {
        try
        {
            while (!connection.Closing.IsCancellationRequested)
            {
                await _time.DelayAsync(interval, connection.Closing);
                try
                {
                    await PingAsync(connection, connection.Closing);
                }
                catch (TimeoutException)
                {
                    _log.PingTimedOut();
                    connection.Abort("no answer to the keep-alive ping");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection closed; the supervisor takes over.
        }
        catch (TwsNotConnectedException)
        {
            // Same.
        }
    }

    /// <summary>A ready connection and the task that consumes its messages; the pump ends when the socket closes.</summary>
    private sealed record Session(TwsConnection Connection, Task Pump);

    private void SetState(TwsConnectionState state, string reason, TwsConnectionState? onlyFrom = null)
    {
        lock (_stateGate)
        {
            if (_state == state || onlyFrom is { } from && _state != from)
                return;
            _state = state;
            // Written under the lock, so readers see state changes in the order they happened.
            _messages.Writer.TryWrite(new ConnectionStateChanged(state, reason));
        }
        _log.StateChanged(state, reason);
    }
}
