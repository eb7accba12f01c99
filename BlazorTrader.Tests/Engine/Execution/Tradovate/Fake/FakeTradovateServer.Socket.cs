using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;

/// <summary>The user-data websocket: <c>o</c>, authorize within a window, <c>h</c> while idle, requests routed by endpoint,
/// <c>user/syncrequest</c> answered with the snapshot, props pushed per action; and the faults of reference §7.9.</summary>
internal sealed partial class FakeTradovateServer
{
    private readonly ConcurrentDictionary<FakeSocket, byte> _sockets = new();

    /// <summary>Sockets accepted so far (a drop and a reconnect make two).</summary>
    public int SocketsAccepted => _socketsAccepted;
    private int _socketsAccepted;
    public int SyncRequests => _syncRequests;
    private int _syncRequests;
    public ConcurrentQueue<string> SyncBodies { get; } = new();

    /// <summary>While set, new sockets are refused (the network is down), so a reconnect waits.</summary>
    public bool RefuseSockets { get; set; }
    /// <summary>The next push delivers only this many events, then drops every socket without a close frame.</summary>
    public int? DropAfterEvents { get; set; }
    /// <summary>All events of one action in one <c>a</c> frame, in reverse order (clients must not depend on the order).</summary>
    public bool BatchReversed { get; set; }
    public TimeSpan AuthorizeWindow { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Close a socket that sent no <c>[]</c> for this long (real time); null: never.</summary>
    public TimeSpan? HeartbeatTimeout { get; set; }
    /// <summary>The server goes quiet (no "h"), as a half-open connection would.</summary>
    public bool SilentHeartbeats { get; set; }
    public int ClientHeartbeats => _clientHeartbeats;
    private int _clientHeartbeats;

    public int OpenSockets => _sockets.Count;

    private async Task AcceptSocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || RefuseSockets)
        {
            http.Response.StatusCode = RefuseSockets ? 503 : 400;
            return;
        }
        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _socketsAccepted);
        var socket = new FakeSocket(ws);
        _sockets[socket] = 0;
        try { await RunSocketAsync(socket); }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        finally { _sockets.TryRemove(socket, out _); }
    }

    private async Task RunSocketAsync(FakeSocket socket)
    {
        await socket.SendAsync("o");
        using var stop = new CancellationTokenSource();
        var heartbeats = HeartbeatAsync(socket, stop.Token);
        try
        {
            using var authorizeBy = new CancellationTokenSource(AuthorizeWindow);
            while (true)
            {
                var text = await socket.ReceiveAsync(socket.Authorized ? CancellationToken.None : authorizeBy.Token);
                if (text is null) return;
                socket.LastHeard = DateTime.UtcNow;
                if (text == "[]") { Interlocked.Increment(ref _clientHeartbeats); continue; }
                var parts = text.Split('\n', 4);
                if (parts.Length < 4 || !int.TryParse(parts[1], out var id))
                {
                    await socket.SendAsync("a" + new JsonArray(new JsonObject { ["s"] = 400, ["i"] = -1, ["d"] = "malformed request" }).ToJsonString());
                    continue;
                }
                await OnRequestAsync(socket, parts[0], id, parts[3]);
            }
        }
        catch (OperationCanceledException) { await socket.CloseAsync(1008, "not authorized in time"); }
        finally
        {
            await stop.CancelAsync();
            await heartbeats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task OnRequestAsync(FakeSocket socket, string endpoint, int id, string body)
    {
        if (endpoint == "authorize")
        {
            socket.Authorized = TokenValid(body.Trim());
            await socket.SendAsync("a" + new JsonArray(socket.Authorized
                ? new JsonObject { ["s"] = 200, ["i"] = id }
                : new JsonObject { ["s"] = 401, ["i"] = id, ["d"] = "Access is denied" }).ToJsonString());
            if (!socket.Authorized) await socket.CloseAsync(1008, "unauthorized");
            return;
        }
        if (!socket.Authorized)
        {
            await socket.SendAsync("a" + new JsonArray(new JsonObject { ["s"] = 401, ["i"] = id, ["d"] = "authorize first" }).ToJsonString());
            return;
        }
        if (endpoint == "user/syncrequest")
        {
            Interlocked.Increment(ref _syncRequests);
            SyncBodies.Enqueue(body);
            socket.Synced = true;
            var snapshot = Venue.Snapshot(Accounts(), Contracts());
            await socket.SendAsync("a" + new JsonArray(new JsonObject { ["s"] = 200, ["i"] = id, ["d"] = snapshot }).ToJsonString());
            return;
        }
        await socket.SendAsync("a" + new JsonArray(new JsonObject { ["s"] = 404, ["i"] = id, ["d"] = $"\"Not found: {endpoint}\"" }).ToJsonString());
    }

    /// <summary>Sends the events to every synced socket (one frame each, or batched reversed); then the scripted drop.</summary>
    public void Push(List<FakeEvent> events)
    {
        if (events.Count == 0) return;
        var limit = DropAfterEvents;
        DropAfterEvents = null;
        var deliver = limit is { } n ? events.Take(n).ToList() : events;
        foreach (var socket in _sockets.Keys.Where(s => s.Synced))
        {
            if (BatchReversed)
                socket.SendAsync("a" + new JsonArray([.. deliver.AsEnumerable().Reverse().Select(e => (JsonNode)e.ToMessage())]).ToJsonString()).Wait();
            else
                foreach (var e in deliver) socket.SendAsync("a" + new JsonArray(e.ToMessage()).ToJsonString()).Wait();
        }
        if (limit is not null) DropSockets();
    }

    /// <summary>The TCP connections go away without a close frame.</summary>
    public void DropSockets()
    {
        foreach (var socket in _sockets.Keys) socket.Abort();
    }

    /// <summary>A polite close: <c>c[code,"reason"]</c>, then the close handshake.</summary>
    public async Task CloseSocketsAsync(int code = 1000, string reason = "bye")
    {
        foreach (var socket in _sockets.Keys)
        {
            await socket.SendAsync($"c[{code},\"{reason}\"]");
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, reason);
        }
    }

    /// <summary>A <c>shutdown</c> event (Maintenance, ConnectionQuotaReached), then the close.</summary>
    public async Task ShutdownAsync(string reasonCode)
    {
        foreach (var socket in _sockets.Keys)
        {
            await socket.SendAsync("a" + new JsonArray(new JsonObject { ["e"] = "shutdown", ["d"] = new JsonObject { ["reasonCode"] = reasonCode, ["reason"] = "scheduled" } }).ToJsonString());
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, reasonCode);   // graceful, so the event is read first
        }
    }

    /// <summary>"h" every 2.5 s (real time) while the server has nothing else to say; closes a socket whose client stopped its heartbeat.</summary>
    private async Task HeartbeatAsync(FakeSocket socket, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2500));
        while (await timer.WaitForNextTickAsync(stop))
        {
            if (HeartbeatTimeout is { } window && socket.Authorized && DateTime.UtcNow - socket.LastHeard > window)
            {
                await socket.CloseAsync(1000, "no heartbeat");
                return;
            }
            if (!SilentHeartbeats) await socket.SendAsync("h");
        }
    }

    private sealed class FakeSocket(WebSocket ws)
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        public volatile bool Authorized;
        public volatile bool Synced;
        public DateTime LastHeard = DateTime.UtcNow;

        public async Task SendAsync(string text)
        {
            await _send.WaitAsync();
            try { if (ws.State == WebSocketState.Open) await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None); }
            catch (Exception) { /* the client went away */ }
            finally { _send.Release(); }
        }

        public async Task<string?> ReceiveAsync(CancellationToken ct)
        {
            var buffer = new byte[16 * 1024];
            using var text = new MemoryStream();
            while (true)
            {
                var result = await ws.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                text.Write(buffer, 0, result.Count);
                if (result.EndOfMessage) return Encoding.UTF8.GetString(text.ToArray());
            }
        }

        public Task CloseAsync(int code, string reason) => CloseAsync((WebSocketCloseStatus)code, reason);

        public async Task CloseAsync(WebSocketCloseStatus status, string reason)
        {
            try { await ws.CloseOutputAsync(status, reason, CancellationToken.None); }
            catch (Exception) { /* already closed or aborted */ }
        }

        public void Abort() => ws.Abort();
    }
}
