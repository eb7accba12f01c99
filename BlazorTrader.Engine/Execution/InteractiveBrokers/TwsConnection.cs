using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// One socket session with TWS: the handshake, START_API, a read loop that decodes frames into <see cref="Incoming"/>,
/// and a paced write loop. It does not reconnect; <see cref="TwsClient"/> opens a new one when this one closes.
/// </summary>
internal sealed class TwsConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly TwsFrameReader _reader;
    private readonly TokenBucketPacer _pacer;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<TwsMessage> _incoming = Channel.CreateUnbounded<TwsMessage>(new() { SingleWriter = true, SingleReader = true });
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new() { SingleReader = true });
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;

    private TwsConnection(TcpClient tcp, TwsFrameReader reader, int serverVersion, string connectionTime,
        TokenBucketPacer pacer, ILogger log)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = reader;
        _pacer = pacer;
        _log = log;
        ServerVersion = serverVersion;
        ConnectionTime = connectionTime;
    }

    public int ServerVersion { get; }

    /// <summary>Free text from TWS (e.g. <c>20260101 09:30:00 EST</c>); opaque.</summary>
    public string ConnectionTime { get; }

    /// <summary>Decoded messages in arrival order; completes when the socket closes.</summary>
    public ChannelReader<TwsMessage> Incoming => _incoming.Reader;

    /// <summary>Cancelled once the connection is closing.</summary>
    public CancellationToken Closing => _stop.Token;

    private string? _closeReason;

    /// <summary>Why the connection ended (the first reason wins); set before <see cref="Incoming"/> completes.</summary>
    public string CloseReason => Volatile.Read(ref _closeReason) ?? "";

    /// <summary>Connects, performs the handshake and sends START_API. Readiness is the caller's business.</summary>
    public static async Task<TwsConnection> OpenAsync(TwsClientOptions options, TimeProvider time, ILogger log,
        CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, cancellationToken);
            tcp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            var stream = tcp.GetStream();
            await stream.WriteAsync(TwsFrameCodec.EncodeHandshake(TwsProtocol.ClientMinVersion, TwsProtocol.ClientMaxVersion), cancellationToken);
            var reader = new TwsFrameReader(stream);
            var reply = await reader.ReadFrameAsync(cancellationToken)
                ?? throw new TwsConnectException("TWS closed the socket during the handshake.");
            var (version, connectionTime) = ParseServerHello(reply);
            var pacer = new TokenBucketPacer(time, options.MessagesPerSecond, options.Burst);
            var connection = new TwsConnection(tcp, reader, version, connectionTime, pacer, log);
            connection.Start();
            connection.Send(TwsRequestEncoder.StartApi(options.ClientId));
            return connection;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            tcp.Dispose();
            throw new TwsConnectException($"Could not reach TWS at {options.Host}:{options.Port}: {ex.Message}", ex);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>The server's first frame: its version, then the connection time.</summary>
    internal static (int Version, string ConnectionTime) ParseServerHello(byte[] payload)
    {
        var fields = TwsFrameCodec.DecodeFields(payload);
        if (fields.Length == 0 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
            throw new TwsConnectException("TWS sent no server version in the handshake reply.");
        if (version < TwsProtocol.MinServerVersion)
            throw new TwsConnectException(
                $"TWS server version {version} is below {TwsProtocol.MinServerVersion}, the version this client's messages are written for. Update TWS/IB Gateway.");
        // TWS answers min(offered max, its max); anything higher means a session whose messages this client would misread.
        if (version > TwsProtocol.ClientMaxVersion)
            throw new TwsConnectException(
                $"TWS answered server version {version}, above the {TwsProtocol.ClientMaxVersion} this client offered; its messages would be misread. Refusing the session.");
        return (version, fields.Length > 1 ? fields[1] : "");
    }

    /// <summary>Queues a payload; the write loop frames and paces it. Order of calls is order on the wire.</summary>
    public void Send(byte[] payload)
    {
        if (!_outgoing.Writer.TryWrite(payload))
            throw new TwsNotConnectedException(TwsConnectionState.Disconnected);
    }

    /// <summary>Closes the socket now; <see cref="Incoming"/> completes shortly after.</summary>
    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        _stop.Cancel();
        _outgoing.Writer.TryComplete();
        _tcp.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort("closed by the client");
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Start()
    {
        _readLoop = ReadLoopAsync();
        _writeLoop = WriteLoopAsync();
    }

    private async Task ReadLoopAsync()
    {
        var reason = "TWS closed the connection";
        try
        {
            while (await _reader.ReadFrameAsync(_stop.Token) is { } payload)
            {
                var fields = TwsFrameCodec.DecodeFields(payload);
                if (fields.Length == 0)
                    continue;
                try
                {
                    _incoming.Writer.TryWrite(TwsMessageDecoder.Decode(fields));
                }
                catch (TwsProtocolException ex)
                {
                    // One bad message must not end a session that carries live orders.
                    _log.MalformedMessage(ex);
                }
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested)
        {
            reason = CloseReason.Length > 0 ? CloseReason : ex.Message;
        }
        catch (Exception ex)
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
        }
        Abort(reason);
        _log.ConnectionClosed(CloseReason);
        _incoming.Writer.TryComplete();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var payload in _outgoing.Reader.ReadAllAsync(_stop.Token))
            {
                await _pacer.WaitAsync(_stop.Token);
                await _stream.WriteAsync(TwsFrameCodec.EncodeFrame(payload), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            Abort($"write failed: {ex.Message}");
        }
    }
}
