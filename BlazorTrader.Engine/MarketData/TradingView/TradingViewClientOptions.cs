namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>Settings of <see cref="TradingViewQuoteClient"/>. Defaults suit the public anonymous socket.</summary>
public sealed class TradingViewClientOptions
{
    public static readonly Uri DefaultUrl = new("wss://data.tradingview.com/socket.io/websocket");

    public static readonly IReadOnlyList<string> DefaultQuoteFields =
    [
        "lp", "lp_time", "bid", "ask", "volume", "ch", "chp", "update_mode", "original_name", "status",
        "pro_name", "short_name", "description", "exchange", "currency_code", "current_session",
    ];

    public Uri Url { get; set; } = DefaultUrl;

    /// <summary>A user's TradingView session token brings real-time data where their plan has it. Secret: never logged.</summary>
    public string AuthToken { get; set; } = "unauthorized_user_token";

    /// <summary>TradingView may refuse an upgrade without a browser-like Origin.</summary>
    public string Origin { get; set; } = "https://www.tradingview.com";

    public string UserAgent { get; set; } =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public IReadOnlyList<string> QuoteFields { get; set; } = DefaultQuoteFields;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before reconnecting; it doubles after each connection that delivered no quote.</summary>
    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Random spread of each delay, as a fraction of it, so many clients do not reconnect in step.</summary>
    public double ReconnectJitter { get; set; } = 0.2;

    /// <summary>Reconnect when nothing at all (heartbeats included) arrives for this long; beats come every ~10 s.</summary>
    public TimeSpan NoDataTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Reconnect when symbols are subscribed but no quote arrives for this long; null disables it. An expired token
    /// yields heartbeats only, and quiet markets are quiet, so this is off by default.
    /// </summary>
    public TimeSpan? NoQuoteTimeout { get; set; }

    /// <summary>How often the liveness checks run.</summary>
    public TimeSpan LivenessCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
