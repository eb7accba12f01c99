using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.Tradovate;

public enum TradovateEnvironment { Demo, Live }

/// <summary>Checks a Tradovate account's settings before they are stored (the API validates with this).</summary>
public static class TradovateSettings
{
    /// <summary>Setting keys that hold secrets: write-only, stored encrypted like every real account's settings.</summary>
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(["password", "sec", "accessToken"], StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> settings)
    {
        var s = new Dictionary<string, string>(settings, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        if (s.TryGetValue("environment", out var env) && !Enum.TryParse<TradovateEnvironment>(env, ignoreCase: true, out _))
            errors.Add("environment must be demo or live");
        if (!s.TryGetValue("account", out var account) || string.IsNullOrWhiteSpace(account))
            errors.Add("account must name the Tradovate account (as /account/list spells it, e.g. DEMO123456)");
        var oauth = s.TryGetValue("login", out var login) && string.Equals(login, "oauth", StringComparison.OrdinalIgnoreCase);
        if (s.TryGetValue("login", out login) && !oauth && !string.Equals(login, "apiKey", StringComparison.OrdinalIgnoreCase))
            errors.Add("login must be apiKey or oauth");
        if (!oauth)
            foreach (var key in new[] { "name", "password", "appId", "cid", "sec" })
                if (!s.TryGetValue(key, out var v) || string.IsNullOrWhiteSpace(v)) errors.Add($"{key} is required for an API-key login (or set login to oauth)");
        if (s.TryGetValue("cid", out var cid) && cid.Length > 0 && !long.TryParse(cid, out _)) errors.Add("cid must be the API key's number");
        foreach (var (key, value) in s)
            if (value.Length > (key.Equals("sec", StringComparison.OrdinalIgnoreCase) || key.Equals("accessToken", StringComparison.OrdinalIgnoreCase) ? 8192 : 64))
                errors.Add($"{key} is too long");
        return errors;
    }
}

/// <summary>
/// One Tradovate account's settings as the user entered them. Accounts with the same login share one session
/// (<see cref="SessionKey"/>): a second <c>accesstokenrequest</c> would start a new session and can kick the first.
/// </summary>
internal sealed record TradovateAccountSettings(
    TradovateEnvironment Environment, string Account, bool OAuth, string Name, string Password, string AppId, string AppVersion,
    string Cid, string Sec, string DeviceId, string? AccessToken, DateTimeOffset? AccessTokenExpires, string? OAuthUser)
{
    public static TradovateAccountSettings From(BrokerAccount account)
    {
        string Get(string key, string fallback = "") =>
            account.Settings.FirstOrDefault(kv => string.Equals(kv.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } v ? v.Trim() : fallback;
        var env = Enum.TryParse<TradovateEnvironment>(Get("environment", "demo"), ignoreCase: true, out var e) ? e : TradovateEnvironment.Demo;
        var expires = DateTimeOffset.TryParse(Get("accessTokenExpires"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var x) ? x : (DateTimeOffset?)null;
        return new(env, Get("account").ToUpperInvariant(), string.Equals(Get("login"), "oauth", StringComparison.OrdinalIgnoreCase),
            Get("name"), Get("password"), Get("appId"), Get("appVersion", "1.0"), Get("cid", "0"), Get("sec"),
            Get("deviceId", $"blazortrader-{account.Id}"), Get("accessToken") is { Length: > 0 } t ? t : null, expires, Get("oauthUser") is { Length: > 0 } u ? u : null);
    }

    /// <summary>Which session this account rides on: the same user at the same environment shares one.</summary>
    public string SessionKey => OAuth ? $"{Environment}:oauth:{OAuthUser ?? AccessToken}" : $"{Environment}:key:{Name.ToUpperInvariant()}:{Cid}";
}
