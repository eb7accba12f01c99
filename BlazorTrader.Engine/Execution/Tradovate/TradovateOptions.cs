namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>Configuration section <c>Tradovate</c>: what is the same for every Tradovate account (hosts, OAuth app, timing).</summary>
public sealed class TradovateOptions
{
    public const string Section = "Tradovate";

    /// <summary>REST base of each environment (<c>/v1</c> included); the user-data websocket is <c>{base}/websocket</c> over ws(s).</summary>
    public string DemoUrl { get; set; } = "https://demo.tradovateapi.com/v1";
    public string LiveUrl { get; set; } = "https://live.tradovateapi.com/v1";

    /// <summary>The page a user signs in on for the OAuth code flow.</summary>
    public string OAuthUrl { get; set; } = "https://trader.tradovate.com/oauth";

    /// <summary>The OAuth app Tradovate issued to this installation (empty: OAuth is off, API keys only).</summary>
    public string? OAuthClientId { get; set; }
    public string? OAuthClientSecret { get; set; }

    /// <summary>Front month per root (MNQ = 202612) when it must not be computed from the roll rule below.</summary>
    public Dictionary<string, string> FrontMonths { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A quarterly contract stops being the front month this many days before its expiry (third Friday).</summary>
    public int RollDaysBeforeExpiry { get; set; } = 8;

    /// <summary>Renew the access token this long before its <c>expirationTime</c> (a renewal after expiry is impossible).</summary>
    public int RenewBeforeExpirySeconds { get; set; } = 600;

    /// <summary>One REST call's timeout; a placement that runs past it is unknown and looked up by clOrdId, never re-sent.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>The client heartbeat (<c>[]</c>); the server drops a socket that is quiet for longer than about 2.5 s.</summary>
    public double HeartbeatSeconds { get; set; } = 2.5;

    /// <summary>No server frame for this long (counted in heartbeats): the socket is dead, reconnect. 0 turns the check off.</summary>
    public int DeadSocketSeconds { get; set; } = 10;

    /// <summary>Reconnect backoff: doubles from the first to the last, with jitter.</summary>
    public double ReconnectMinSeconds { get; set; } = 1;
    public double ReconnectMaxSeconds { get; set; } = 60;

    /// <summary>After a 429/423 (or a p-captcha penalty) nothing is sent for this long: the lock-out cannot be cleared by code.</summary>
    public int RateLimitPauseSeconds { get; set; } = 3600;

    /// <summary>A placement waits for a reconnect at most this long before it is rejected (a late entry is worse than none).</summary>
    public int MaxHoldSeconds { get; set; } = 60;
}
