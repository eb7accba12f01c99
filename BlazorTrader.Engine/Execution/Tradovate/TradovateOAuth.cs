using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>The code exchange finished off the loop; stored on the loop.</summary>
internal sealed record TradovateTokenReceived(CompleteBrokerOAuth Request, TradovateEnvironment Environment, TvOAuthToken? Token, long? UserId, string? Error)
    : EngineCommand, IExecutionCommand;

/// <summary>A session renewed its OAuth token; stored on the loop so the next start uses it.</summary>
internal sealed record TradovateTokenRenewed(TradovateEnvironment Environment, string? OAuthUser, string Token, DateTimeOffset Expires)
    : EngineCommand, IExecutionCommand;

/// <summary>
/// Tradovate's OAuth authorization-code flow: the authorize URL (with the caller's CSRF state), the code exchange at the
/// account's own environment (a demo code works only at demo), and the token stored encrypted on every OAuth account of that
/// environment and user, so one consent serves all the accounts of the login. The HTTP exchange runs off the engine loop.
/// </summary>
internal sealed class TradovateOAuth(
    IDbContextFactory<TradingDbContext> dbFactory,
    AccountSettingsProtector protector,
    BrokerRegistry brokers,
    EngineInbox inbox,
    EngineEventHub events,
    IOptions<TradovateOptions> options,
    TimeProvider time,
    ILogger<TradovateOAuth> log)
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<BrokerOAuthStart> StartAsync(StartBrokerOAuth command, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.OAuthClientId) || string.IsNullOrWhiteSpace(o.OAuthClientSecret))
            return new(null, "Tradovate OAuth is not configured: set Tradovate:OAuthClientId and Tradovate:OAuthClientSecret (or use an API key)");
        if (await AccountAsync(command.AccountId, ct) is { Error: { } error }) return new(null, error);
        var url = $"{o.OAuthUrl}?response_type=code&client_id={Uri.EscapeDataString(o.OAuthClientId)}&redirect_uri={Uri.EscapeDataString(command.RedirectUri)}"
            + $"&scope=All&state={Uri.EscapeDataString(command.State)}";
        return new(url, null);
    }

    public async Task BeginCompleteAsync(CompleteBrokerOAuth command, CancellationToken ct)
    {
        var (environment, error) = await AccountAsync(command.AccountId, ct);
        if (error is not null)
        {
            command.Reply.TrySetResult(new BrokerOAuthResult(false, error, []));
            return;
        }
        _ = Task.Run(async () => inbox.Post(await ExchangeAsync(command, environment)), CancellationToken.None);
    }

    private async Task<TradovateTokenReceived> ExchangeAsync(CompleteBrokerOAuth command, TradovateEnvironment environment)
    {
        var o = options.Value;
        var rest = new TradovateRestClient(Http, new Uri(environment == TradovateEnvironment.Live ? o.LiveUrl : o.DemoUrl), o, time, log);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(o.RequestTimeoutSeconds * 2));
            var token = (await rest.PostAsync("auth/oauthtoken", new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = command.Code, ["redirect_uri"] = command.RedirectUri,
                ["client_id"] = o.OAuthClientId!, ["client_secret"] = o.OAuthClientSecret!,
            }, null, timeout.Token))?.As<TvOAuthToken>();
            if (token?.AccessToken is null)
                return new(command, environment, null, null, $"Tradovate refused the code: {token?.Error ?? "no token"} {token?.ErrorDescription}".Trim());
            var me = (await rest.GetAsync("auth/me", token.AccessToken, timeout.Token))?.As<TvMe>();
            return new(command, environment, token, me?.UserId, null);
        }
        catch (Exception ex) when (ex is TradovateException or TimeoutException or HttpRequestException or OperationCanceledException)
        {
            return new(command, environment, null, null, $"the code exchange with Tradovate failed: {ex.Message}");
        }
    }

    public async Task StoreAsync(TradovateTokenReceived received, CancellationToken ct)
    {
        var reply = received.Request.Reply;
        if (received.Error is not null || received.Token?.AccessToken is not { } accessToken)
        {
            reply.TrySetResult(new BrokerOAuthResult(false, received.Error ?? "no token", []));
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(received.Token.ExpiresIn is > 0 and { } s ? s : 80 * 60);
        var user = received.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var stored = new List<long>();
        foreach (var account in await db.Accounts.Where(a => a.Broker == BrokerKind.Tradovate).ToListAsync(ct))
        {
            var settings = new Dictionary<string, string>(protector.Read(account), StringComparer.OrdinalIgnoreCase);
            var same = account.Id == received.Request.AccountId
                || (settings.GetValueOrDefault("login")?.Equals("oauth", StringComparison.OrdinalIgnoreCase) == true
                    && string.Equals(settings.GetValueOrDefault("environment") ?? "demo", received.Environment.ToString(), StringComparison.OrdinalIgnoreCase)
                    && (settings.GetValueOrDefault("oauthUser") is not { Length: > 0 } u || u == user));
            if (!same) continue;
            settings["login"] = "oauth";
            settings["accessToken"] = accessToken;
            settings["accessTokenExpires"] = expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            if (user.Length > 0) settings["oauthUser"] = user;
            protector.Write(account, settings);
            // Strictly later, even on a clock that has not moved: the registry restarts a broker when this changes.
            account.UpdatedAt = now.UtcDateTime > account.UpdatedAt ? now.UtcDateTime : account.UpdatedAt.AddTicks(1);
            stored.Add(account.Id);
        }
        await db.SaveChangesAsync(ct);
        await brokers.SyncAsync(db, ct);   // the accounts' brokers restart on the new token
        var detail = $"Tradovate {received.Environment.ToString().ToLowerInvariant()} connected through OAuth for {stored.Count} account(s); token until {expires:yyyy-MM-dd HH:mm} UTC";
        events.Publish(new LogEntry(now, EngineLogLevel.Info, detail));
        reply.TrySetResult(new BrokerOAuthResult(true, detail, stored));
    }

    /// <summary>Stores a renewed token on the accounts of that OAuth user, keeping their <c>UpdatedAt</c>: the live session
    /// already has it, and a changed <c>UpdatedAt</c> would restart the brokers.</summary>
    public async Task StoreRenewedAsync(TradovateTokenRenewed renewed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var account in await db.Accounts.Where(a => a.Broker == BrokerKind.Tradovate).ToListAsync(ct))
        {
            var settings = new Dictionary<string, string>(protector.Read(account), StringComparer.OrdinalIgnoreCase);
            if (settings.GetValueOrDefault("login")?.Equals("oauth", StringComparison.OrdinalIgnoreCase) != true
                || !string.Equals(settings.GetValueOrDefault("environment") ?? "demo", renewed.Environment.ToString(), StringComparison.OrdinalIgnoreCase)
                || (renewed.OAuthUser is { } user && settings.GetValueOrDefault("oauthUser") != user)) continue;
            settings["accessToken"] = renewed.Token;
            settings["accessTokenExpires"] = renewed.Expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            protector.Write(account, settings);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<(TradovateEnvironment Environment, string? Error)> AccountAsync(long accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return (default, $"There is no account {accountId}.");
        if (account.Broker != BrokerKind.Tradovate) return (default, $"Account {accountId} is not a Tradovate account.");
        var env = TradovateAccountSettings.From(new BrokerAccount(account.Id, account.Name, account.Broker, protector.Read(account))).Environment;
        return (env, null);
    }
}
