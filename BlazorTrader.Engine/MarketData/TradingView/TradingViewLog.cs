using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>Log messages of the TradingView client (MarketData: 2100s). The auth token is never a parameter.</summary>
internal static partial class TradingViewLog
{
    [LoggerMessage(2101, LogLevel.Information, "TradingView connecting to {Url}")]
    public static partial void Connecting(this ILogger logger, Uri url);

    [LoggerMessage(2102, LogLevel.Information, "TradingView connected, quote session {QuoteSession}, {SymbolCount} symbols")]
    public static partial void Connected(this ILogger logger, string quoteSession, int symbolCount);

    [LoggerMessage(2103, LogLevel.Warning, "TradingView connection failed: {Reason}")]
    public static partial void ConnectFailed(this ILogger logger, string reason);

    [LoggerMessage(2104, LogLevel.Warning, "TradingView connection ended: {Reason}; reconnecting in {Delay}")]
    public static partial void ConnectionEnded(this ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(2105, LogLevel.Warning, "TradingView {Kind}: {Message}")]
    public static partial void ErrorReported(this ILogger logger, TradingViewErrorKind kind, string message);

    [LoggerMessage(2106, LogLevel.Debug, "TradingView frame lengths disagree with the text; split on markers instead")]
    public static partial void FrameLengthMismatch(this ILogger logger);

    [LoggerMessage(2107, LogLevel.Warning, "TradingView quote for {Symbol} dropped: the quote channel refused it")]
    public static partial void QuoteDropped(this ILogger logger, string symbol);

    [LoggerMessage(2108, LogLevel.Error, "TradingView client or one of its subscribers threw")]
    public static partial void SubscriberFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2109, LogLevel.Information, "TradingView hello: session {SessionId}, release {Release}")]
    public static partial void HelloReceived(this ILogger logger, string? sessionId, string? release);

    [LoggerMessage(2110, LogLevel.Information, "TradingView client stopped")]
    public static partial void Stopped(this ILogger logger);
}
