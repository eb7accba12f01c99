namespace BlazorTrader.Engine.MarketData.TradingView;

public enum TradingViewErrorKind
{
    /// <summary>The server sent <c>protocol_error</c> (e.g. a bad auth token) and closes the socket.</summary>
    ProtocolError,
    /// <summary>The server sent <c>critical_error</c> for one call.</summary>
    CriticalError,
    /// <summary>A <c>qsd</c> with <c>s:"error"</c>: the symbol is unknown or not permitted.</summary>
    SymbolError,
    /// <summary>A websocket message whose framing could not be decoded.</summary>
    MalformedFrame,
    /// <summary>A payload that is not the JSON this client expects.</summary>
    InvalidMessage,
}

/// <summary>A problem reported by or about the TradingView connection. It never carries the auth token.</summary>
public sealed record TradingViewError(TradingViewErrorKind Kind, string Message, string? Symbol, DateTimeOffset At);
