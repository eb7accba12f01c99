using System.Collections.Immutable;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorTrader.Engine.Execution.Brokers;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>The user-data websocket: frames <c>o</c>, <c>h</c>, <c>a[...]</c>, <c>c[code,reason]</c>; requests
/// <c>endpoint\nid\nquery\nbody</c>. Each connection: authorize, accounts, one sync request, then props events.</summary>
internal sealed partial class TradovateSession
{
    private const int AuthorizeId = 0;
    private const int SyncId = 1;

    /// <summary>Connections made (tests: a drop leads to exactly one more, with a fresh sync).</summary>
    public int Connections { get; private set; }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(_options.ReconnectMinSeconds);
        while (!stop.IsCancellationRequested)
        {
            _synced = false;
            var quota = false;
            try
            {
                SetState(BrokerConnectionState.Connecting, EverReady ? "reconnecting" : "logging in");
                await ConnectOnceAsync(stop);
                if (!stop.IsCancellationRequested) SetState(BrokerConnectionState.Connecting, "connection lost; reconnecting");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (TradovateRateLimitedException ex)
            {
                SetState(BrokerConnectionState.Disconnected, ex.Message);
                try { await _time.DelayAsync(ex.Until - _time.GetUtcNow(), stop); } catch (OperationCanceledException) { break; }
                continue;
            }
            catch (TradovateAuthException ex)
            {
                SetState(BrokerConnectionState.Disconnected, ex.Message);
                // Our token was refused (revoked, or taken by a login elsewhere): the next try renews or logs in once.
                if (Fatal is null && _token is { } refused) TokenRefused(refused);
                if (Fatal is not null)
                {
                    // The same credentials would be refused again (and earn a penalty): wait for new ones (the account's
                    // update makes a new session) or a long pause.
                    try { await _time.DelayAsync(TimeSpan.FromSeconds(_options.RateLimitPauseSeconds), stop); } catch (OperationCanceledException) { break; }
                    continue;
                }
            }
            catch (ShutdownException ex)
            {
                SetState(BrokerConnectionState.Connecting, ex.Message);
                quota = ex.Quota;
            }
            catch (Exception ex)
            {
                // Whatever ended this socket, the loop goes on: a dead loop would leave the accounts silently disconnected.
                _log.LogInformation("Tradovate {Environment}: socket ended ({Reason})", Environment, ex.Message);
                SetState(BrokerConnectionState.Connecting, $"connection lost ({ex.Message}); reconnecting");
            }
            // A socket that got as far as a sync worked: start the backoff again from the beginning.
            if (_synced) delay = TimeSpan.FromSeconds(_options.ReconnectMinSeconds);
            // Over the connection or IP quota: reconnecting soon would only close another session; wait long.
            if (quota) delay = TimeSpan.FromSeconds(_options.ReconnectMaxSeconds);
            // Jittered, so the sessions of many logins do not reconnect in step (429 storms).
            var jittered = delay * (0.8 + Random.Shared.NextDouble() * 0.4);
            try { if (jittered > TimeSpan.Zero) await _time.DelayAsync(jittered, stop); } catch (OperationCanceledException) { break; }
            delay = TimeSpan.FromSeconds(Math.Min(Math.Max(delay.TotalSeconds * 2, 0.5), _options.ReconnectMaxSeconds));
        }
        SetState(BrokerConnectionState.Disconnected, "stopped");
    }

    private volatile bool _synced;

    /// <summary>One socket from open to close.</summary>
    private async Task ConnectOnceAsync(CancellationToken stop)
    {
        var token = await TokenAsync(stop);
        var userId = await UserIdAsync(stop);
        await LoadAccountsAsync(token, stop);
        using var socket = new ClientWebSocket();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var url = new UriBuilder(new Uri(Rest.BaseUrl, "websocket")) { Scheme = Rest.BaseUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(url, connection.Token).WaitAsync(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), connection.Token);
        Connections++;
        var reader = new FrameReader(socket);
        if (await reader.NextAsync(connection.Token) is not "o") throw new TradovateException("the socket did not open with 'o'");
        await SendAsync(socket, $"authorize\n{AuthorizeId}\n\n{token}", connection.Token);
        var heartbeat = HeartbeatAsync(socket, reader, connection);
        try
        {
            while (!connection.IsCancellationRequested)
            {
                var frame = await reader.NextAsync(connection.Token);
                if (frame is null) return;   // closed (or dropped) without a 'c'
                switch (frame[0])
                {
                    case 'h': await SendAsync(socket, "[]", connection.Token); break;
                    case 'c': return;
                    case 'a':
                        foreach (var message in JsonDocument.Parse(frame.AsMemory(1)).RootElement.EnumerateArray())
                            if (await OnMessageAsync(socket, message, userId, token, connection.Token)) _synced = true;
                        break;
                }
            }
        }
        finally
        {
            await connection.CancelAsync();
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Handles one message of an <c>a</c> frame; true when it was the sync snapshot.</summary>
    private async Task<bool> OnMessageAsync(ClientWebSocket socket, JsonElement message, long userId, string token, CancellationToken ct)
    {
        if (message.TryGetProperty("e", out var e))
        {
            var data = message.TryGetProperty("d", out var d) ? d : default;
            switch (e.GetString())
            {
                case "props" when data.ValueKind == JsonValueKind.Object:
                    var type = data.Text("entityType") ?? "";
                    var deleted = data.Text("eventType") == "Deleted";
                    var entities = data.TryGetProperty("entity", out var entity) ? entity : default;
                    foreach (var item in entities.ValueKind == JsonValueKind.Array ? entities.EnumerateArray().ToList() : [entities])
                        if (Book.Apply(type, item, deleted) is { } order) Emit(order);
                    break;
                case "shutdown":
                    var reason = data.Text("reasonCode") ?? "shutdown";
                    throw new ShutdownException($"Tradovate is closing the connection ({reason}: {data.Text("reason")})", reason.EndsWith("QuotaReached", StringComparison.Ordinal));
            }
            return false;
        }
        var id = message.TryGetProperty("i", out var i) && i.TryGetInt32(out var n) ? n : -1;
        var status = message.TryGetProperty("s", out var s) && s.TryGetInt32(out var code) ? code : 0;
        if (id == AuthorizeId)
        {
            if (status != 200)
            {
                TokenRefused(token);
                throw new TradovateAuthException($"the socket refused the token ({status})");
            }
            // One sync request per socket; its answer is the snapshot, then props events follow.
            await SendAsync(socket, $"user/syncrequest\n{SyncId}\n\n{JsonSerializer.Serialize(new { users = new[] { userId }, splitResponses = true })}", ct);
            return false;
        }
        if (id == SyncId && status == 200 && message.TryGetProperty("d", out var snapshot))
        {
            foreach (var order in Book.ApplySnapshot(snapshot)) Emit(order);
            var orders = snapshot.TryGetProperty("orders", out var o) && o.ValueKind == JsonValueKind.Array ? o.GetArrayLength() : 0;
            var positions = snapshot.TryGetProperty("positions", out var p) && p.ValueKind == JsonValueKind.Array ? p.GetArrayLength() : 0;
            SetState(BrokerConnectionState.Connected, $"{Environment.ToString().ToLowerInvariant()}: synced {orders} order(s), {positions} position(s)");
            return true;
        }
        return false;
    }

    private async Task LoadAccountsAsync(string token, CancellationToken ct)
    {
        var accounts = (await Rest.GetAsync("account/list", token, ct))?.As<List<TvAccount>>() ?? [];
        _accounts = accounts.ToImmutableDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Sends <c>[]</c> every 2.5 s whatever the server does; ends the socket when no frame came for the dead window.</summary>
    private async Task HeartbeatAsync(ClientWebSocket socket, FrameReader reader, CancellationTokenSource connection)
    {
        var period = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
        // Counted in heartbeats, so one jump of the clock is not taken for a dead socket.
        var deadAfter = Math.Max(2, (int)Math.Ceiling(_options.DeadSocketSeconds / _options.HeartbeatSeconds));
        var quiet = 0;
        var seen = reader.Frames;
        while (!connection.IsCancellationRequested)
        {
            await _time.DelayAsync(period, connection.Token);
            await SendAsync(socket, "[]", connection.Token);
            quiet = reader.Frames == seen ? quiet + 1 : 0;
            seen = reader.Frames;
            if (_options.DeadSocketSeconds > 0 && quiet >= deadAfter)
            {
                _log.LogInformation("Tradovate {Environment}: no frame for {Beats} heartbeats; reconnecting", Environment, quiet);
                socket.Abort();
                return;
            }
        }
    }

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private async Task SendAsync(ClientWebSocket socket, string text, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try { await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct); }
        finally { _sendLock.Release(); }
    }

    private sealed class ShutdownException(string message, bool quota) : Exception(message)
    {
        public bool Quota { get; } = quota;
    }

    /// <summary>Whole text messages; null when the socket closed or dropped.</summary>
    private sealed class FrameReader(ClientWebSocket socket)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private volatile int _frames;

        public int Frames => _frames;

        public async Task<string?> NextAsync(CancellationToken ct)
        {
            using var text = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult result;
                try { result = await socket.ReceiveAsync(_buffer, ct); }
                catch (WebSocketException) { return null; }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return null; }   // aborted as dead
                if (result.MessageType == WebSocketMessageType.Close) return null;
                text.Write(_buffer, 0, result.Count);
                // The first sync dump can be megabytes: grow, do not cut.
                if (!result.EndOfMessage) continue;
                _frames++;
                return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
            }
        }
    }
}
