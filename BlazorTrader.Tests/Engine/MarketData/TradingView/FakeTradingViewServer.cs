using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

/// <summary>What the fake server answers (a TradingView quote session as docs/design.md "Market data and data modes" describes it: snapshots, updates, errors for unknown symbols).</summary>
internal sealed class FakeTradingViewScript
{
    /// <summary>Known symbols and the <c>v</c> JSON of their snapshot; any other symbol gets <c>s:"error"</c>.</summary>
    public Dictionary<string, string> Snapshots { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens answered with <c>protocol_error ["bad auth token"]</c> and a close.</summary>
    public HashSet<string> BadTokens { get; } = new(StringComparer.Ordinal);
}

/// <summary>A TradingView look-alike on a real loopback websocket (Kestrel, port 0), one instance per test.</summary>
internal sealed class FakeTradingViewServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly Channel<FakeTradingViewConnection> _connections = Channel.CreateUnbounded<FakeTradingViewConnection>();
    private readonly ConcurrentBag<FakeTradingViewConnection> _accepted = [];

    private FakeTradingViewServer(WebApplication app, FakeTradingViewScript script)
    {
        _app = app;
        Script = script;
    }

    public FakeTradingViewScript Script { get; }

    /// <summary>The socket address, with a browser-like query that the server must accept.</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<FakeTradingViewServer> StartAsync(FakeTradingViewScript? script = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTradingViewServer(app, script ?? new FakeTradingViewScript());
        app.UseWebSockets();
        app.Map("/socket.io/websocket", server.AcceptAsync);
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        server.Url = new Uri($"ws://{address.Host}:{address.Port}/socket.io/websocket?from=chart&type=chart");
        return server;
    }

    /// <summary>The next client connection, in the order they were accepted.</summary>
    public async Task<FakeTradingViewConnection> NextConnectionAsync() =>
        await _connections.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        // Open sockets would hold up Kestrel's shutdown.
        foreach (var connection in _accepted)
            connection.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeTradingViewConnection(context, socket, Script);
        _accepted.Add(connection);
        _connections.Writer.TryWrite(connection);
        await connection.RunAsync();
    }
}
