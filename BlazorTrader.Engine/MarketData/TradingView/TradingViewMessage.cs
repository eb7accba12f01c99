namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>One payload received from TradingView, parsed. Unparseable input becomes <see cref="InvalidTradingViewMessage"/>.</summary>
public abstract record TradingViewMessage;

/// <summary>The first message of a connection: a JSON object without <c>m</c>.</summary>
public sealed record TradingViewHello(string? SessionId, string? Release) : TradingViewMessage;

/// <summary>A heartbeat payload such as <c>~h~7</c>; the client echoes its frame verbatim.</summary>
public sealed record TradingViewHeartbeat(string Payload) : TradingViewMessage;

/// <summary><c>qsd</c>: a snapshot or a partial update of one symbol; absent fields are unchanged.</summary>
/// <param name="Symbol">Exactly the string the client subscribed with (the <c>n</c> field).</param>
/// <param name="Status">The <c>s</c> field: <c>ok</c> or <c>error</c>.</param>
public sealed record QuoteDataMessage(string QuoteSession, string Symbol, string? Status, QuoteFieldChanges Changes) : TradingViewMessage
{
    public bool IsError => string.Equals(Status, "error", StringComparison.Ordinal);
}

/// <summary><c>quote_completed</c>: the snapshot of <see cref="Symbol"/> is complete.</summary>
public sealed record QuoteCompletedMessage(string QuoteSession, string Symbol) : TradingViewMessage;

/// <summary><c>protocol_error</c>, e.g. a bad auth token; the server closes the socket after it.</summary>
public sealed record ProtocolErrorMessage(string Message) : TradingViewMessage;

/// <summary><c>critical_error</c>: <c>[session, error, detail]</c>, e.g. invalid parameters of one call.</summary>
public sealed record CriticalErrorMessage(string? Session, string Error, string? Detail) : TradingViewMessage;

/// <summary>A well-formed message with a method this client does not use (chart sessions and the like).</summary>
public sealed record UnhandledTradingViewMessage(string Method) : TradingViewMessage;

/// <summary>A payload that is not valid JSON or lacks required parameters.</summary>
public sealed record InvalidTradingViewMessage(string Reason, string Payload) : TradingViewMessage;
