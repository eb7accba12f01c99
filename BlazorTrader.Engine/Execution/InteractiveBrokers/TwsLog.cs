using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Log messages of the TWS client (Execution: 4000s; Interactive Brokers: 4500s).</summary>
internal static partial class TwsLog
{
    [LoggerMessage(4501, LogLevel.Information, "TWS connection state {State}: {Reason}")]
    public static partial void StateChanged(this ILogger logger, TwsConnectionState state, string reason);

    [LoggerMessage(4502, LogLevel.Information, "Connected to TWS at {Host}:{Port} as client {ClientId}, server version {ServerVersion}")]
    public static partial void Connected(this ILogger logger, string host, int port, int clientId, int serverVersion);

    [LoggerMessage(4503, LogLevel.Warning, "Reconnect to TWS failed; next attempt in {Delay}")]
    public static partial void ReconnectFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(4504, LogLevel.Debug, "Skipped TWS message id {MessageId} with {FieldCount} fields")]
    public static partial void SkippedUnknownMessage(this ILogger logger, int messageId, int fieldCount);

    [LoggerMessage(4505, LogLevel.Warning, "Could not decode a TWS message; skipped it")]
    public static partial void MalformedMessage(this ILogger logger, Exception exception);

    [LoggerMessage(4506, LogLevel.Warning, "TWS did not answer the keep-alive ping; dropping the connection")]
    public static partial void PingTimedOut(this ILogger logger);

    [LoggerMessage(4507, LogLevel.Warning, "TWS connection closed: {Reason}")]
    public static partial void ConnectionClosed(this ILogger logger, string reason);

    [LoggerMessage(4508, LogLevel.Error, "TWS refused client id {ClientId}: {Text}")]
    public static partial void ClientIdRejected(this ILogger logger, int clientId, string text);
}
