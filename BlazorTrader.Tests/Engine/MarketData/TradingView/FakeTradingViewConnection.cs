using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using BlazorTrader.Engine.MarketData.TradingView;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

/// <summary>One client → server request: <c>{"m":Method,"p":Params}</c>.</summary>
internal sealed record ClientRequest(string Method, IReadOnlyList<string> Params);

/// <summary>One accepted socket of the fake server: records what the client sent and sends what a test scripts.</summary>
internal sealed class FakeTradingViewConnection(HttpContext context, WebSocket socket, FakeTradingViewScript script)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<ClientRequest> _requests = Channel.CreateUnbounded<ClientRequest>();
    private readonly Channel<string> _heartbeatEchoes = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<ClientRequest> _allRequests = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? Origin { get; } = context.Request.Headers.Origin;

    public string? UserAgent { get; } = context.Request.Headers.UserAgent;

    public string? QuoteSession { get; private set; }

    /// <summary>Every request received so far, in order (heartbeat echoes excluded).</summary>
    public IReadOnlyList<ClientRequest> Requests => [.. _allRequests];

    /// <summary>Completes when the socket is gone, closed or aborted.</summary>
    public Task Closed => _closed.Task;

    public async Task<ClientRequest> NextRequestAsync(string method)
    {
        while (true)
        {
            var request = await _requests.Reader.ReadAsync().AsTask().WaitAsync(FakeTradingViewServer.Timeout);
            if (request.Method == method)
                return request;
        }
    }

    /// <summary>The raw websocket message the client sent back for a heartbeat.</summary>
    public async Task<string> NextHeartbeatEchoAsync() =>
        await _heartbeatEchoes.Reader.ReadAsync().AsTask().WaitAsync(FakeTradingViewServer.Timeout);

    public static string Hello() =>
        """{"session_id":"0.1.1_local-charts-free-1","timestamp":1763900000,"timestampMs":1763900000000,"release":"release_fake","studies_metadata_hash":"0","auth_scheme_vsn":2,"protocol":"json","via":"127.0.0.1:443","javastudies":["3.66"]}""";

    public static string Heartbeat(int counter) => $"~h~{counter}";

    public static string Method(string method, params object?[] parameters) =>
        JsonSerializer.Serialize(new { m = method, p = parameters });

    /// <summary>A <c>qsd</c> payload whose <c>v</c> is the given JSON text, kept verbatim (1e+100, long decimals).</summary>
    public string Qsd(string symbol, string valuesJson, string status = "ok") =>
        $$"""{"m":"qsd","p":[{{JsonSerializer.Serialize(QuoteSession)}},{"n":{{JsonSerializer.Serialize(symbol)}},"s":"{{status}}","v":{{valuesJson}}}]}""";

    /// <summary>Frames the payloads (N in UTF-16 units) and sends them as one websocket message.</summary>
    public Task SendAsync(params string[] payloads) => SendRawAsync(TradingViewFrameCodec.Encode(payloads));

    public async Task SendRawAsync(string message, int? chunkBytes = null)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var chunk = chunkBytes ?? bytes.Length;
        await _sendLock.WaitAsync();
        try
        {
            for (var offset = 0; offset < bytes.Length || offset == 0; offset += chunk)
            {
                var count = Math.Min(chunk, bytes.Length - offset);
                var last = offset + count >= bytes.Length;
                await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, last, CancellationToken.None);
                if (last)
                    break;
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>A clean close 1000, as TradingView does "after a while".</summary>
    public async Task CloseAsync()
    {
        await _sendLock.WaitAsync();
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>An abrupt TCP drop: no close frame.</summary>
    public void Abort()
    {
        if (_closed.Task.IsCompleted)
            return;
        try
        {
            context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // the request ended meanwhile
        }
    }

    public async Task RunAsync()
    {
        try
        {
            await SendAsync(Hello());
            var buffer = new byte[8192];
            using var message = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                await OnClientMessageAsync(text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // the client or the test dropped the connection
        }
        finally
        {
            _closed.TrySetResult();
            _requests.Writer.TryComplete();
        }
    }

    private async Task OnClientMessageAsync(string text)
    {
        foreach (var payload in TradingViewFrameCodec.Decode(text).Payloads)
        {
            if (TradingViewFrameCodec.IsHeartbeat(payload))
            {
                _heartbeatEchoes.Writer.TryWrite(text);
                continue;
            }

            var request = Parse(payload);
            _allRequests.Enqueue(request);
            _requests.Writer.TryWrite(request);
            await AnswerAsync(request);
        }
    }

    private async Task AnswerAsync(ClientRequest request)
    {
        switch (request.Method)
        {
            case "set_auth_token" when script.BadTokens.Contains(request.Params[0]):
                await SendAsync(Method("protocol_error", "bad auth token"));
                await CloseAsync();
                break;
            case "quote_create_session":
                QuoteSession = request.Params[0];
                break;
            case "quote_add_symbols":
                foreach (var symbol in request.Params.Skip(1))
                {
                    if (script.Snapshots.TryGetValue(symbol, out var snapshot))
                        await SendAsync(Qsd(symbol, snapshot), Method("quote_completed", QuoteSession, symbol));
                    else
                        await SendAsync(Qsd(symbol, "{}", "error"));
                }

                break;
        }
    }

    private static ClientRequest Parse(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var parameters = json.RootElement.GetProperty("p").EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetRawText())
            .ToList();
        return new ClientRequest(json.RootElement.GetProperty("m").GetString()!, parameters);
    }
}
