using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Checks an IB account's settings before they are stored (the API validates with this).</summary>
public static class InteractiveBrokersSettings
{
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> settings)
    {
        var errors = new List<string>();
        if (settings.TryGetValue("port", out var port) && (!int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535))
            errors.Add("port must be a TCP port (TWS 7496/7497, IB Gateway 4001/4002)");
        if (settings.TryGetValue("clientId", out var id) && !int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            errors.Add("clientId must be an integer, unique among the API clients of this TWS/Gateway");
        if (settings.TryGetValue("host", out var host) && string.IsNullOrWhiteSpace(host))
            errors.Add("host must name the machine running TWS or IB Gateway");
        return errors;
    }
}

/// <summary>One IB account's settings as the user entered them (host, port, clientId, accountCode).</summary>
internal sealed record IbAccountSettings(string Host, int Port, int ClientId, string AccountCode)
{

    public static IbAccountSettings From(BrokerAccount account)
    {
        string Get(string key, string fallback) =>
            account.Settings.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v.Trim() : fallback;
        // Validated when stored; a bad value still must not break the registry (and the engine loop) here.
        static int Int(string text, int fallback) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        return new(Get("host", "127.0.0.1"), Int(Get("port", "4002"), 4002), Int(Get("clientId", "1"), 1), Get("accountCode", ""));
    }
}

/// <summary>Configuration section <c>InteractiveBrokers</c>: what is the same for every IB account.</summary>
public sealed class InteractiveBrokersOptions
{
    public const string Section = "InteractiveBrokers";

    /// <summary>Front month per futures root (MNQ = 202612): <c>MNQ1!</c> is never guessed from the calendar.</summary>
    public Dictionary<string, string> FrontMonths { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Daily TWS/Gateway restart window (local time of <see cref="RestartTimeZone"/>, "HH:mm"); no order is sent in it.
    /// Empty disables the window. It may cross midnight (23:45-00:15).</summary>
    public string? RestartWindowStart { get; set; }
    public string? RestartWindowEnd { get; set; }
    public string RestartTimeZone { get; set; } = "America/New_York";

    /// <summary>An order held (restart window, link lost, reconnecting) longer than this is rejected, not sent: a late entry is worse than none.</summary>
    public int MaxHoldSeconds { get; set; } = 1800;

    /// <summary>Seconds between keep-alive pings (REQ_CURRENT_TIME); 0 disables them.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    public int ConnectTimeoutSeconds { get; set; } = 10;
    public int ReconnectDelaySeconds { get; set; } = 1;

    /// <summary>TWS disconnects above 50 messages/s; ib_async stays at 45.</summary>
    public int MessagesPerSecond { get; set; } = 45;
    public int Burst { get; set; } = 5;

    /// <summary>Where <c>MarketData:Source=InteractiveBrokers</c> connects; its client id must differ from the accounts'.</summary>
    public string MarketDataHost { get; set; } = "127.0.0.1";
    public int MarketDataPort { get; set; } = 4002;
    public int MarketDataClientId { get; set; } = 99;
    /// <summary>1 real-time, 2 frozen, 3 delayed (no subscription needed), 4 delayed-frozen.</summary>
    public int MarketDataType { get; set; } = 1;
}
