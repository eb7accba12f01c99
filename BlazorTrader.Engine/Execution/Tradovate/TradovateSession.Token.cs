using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>The session's one access token: an API-key login only when there is no live token, renewal (same session)
/// before expiry, and the OAuth token as the user's consent gave it.</summary>
internal sealed partial class TradovateSession
{
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;
    private long? _userId;

    /// <summary>How many times this session logged in (tests: accounts under one login share one).</summary>
    public int Logins { get; private set; }

    public DateTimeOffset? TokenExpires => _token is null ? null : _expires;

    /// <summary>A token good for the next call: renewed first when close to expiry, so a placement never meets an expired one.</summary>
    public async Task<string> TokenAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_token is { } current && now < _expires - RenewBefore) return current;
        await _tokenLock.WaitAsync(ct);
        try
        {
            now = _time.GetUtcNow();
            if (_token is { } t && now < _expires - RenewBefore) return t;
            if (_token is not null && now < _expires && await TryRenewAsync(ct)) return _token!;
            if (_login.OAuth)
            {
                _token = null;
                Fatal = _login.AccessToken is null
                    ? "OAuth login not granted yet: connect Tradovate (GET /api/oauth/tradovate/start?accountId=...)"
                    : "the OAuth token has expired: connect Tradovate again (GET /api/oauth/tradovate/start?accountId=...)";
                throw new TradovateAuthException(Fatal);
            }
            await LoginAsync(ct);
            return _token!;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private TimeSpan RenewBefore => TimeSpan.FromSeconds(_options.RenewBeforeExpirySeconds);

    /// <summary>The user id the sync request names; for OAuth from <c>/auth/me</c>.</summary>
    public async Task<long> UserIdAsync(CancellationToken ct)
    {
        if (_userId is { } known) return known;
        var me = (await Rest.GetAsync("auth/me", await TokenAsync(ct), ct))?.As<TvMe>();
        if (me?.UserId is not { } id) throw new TradovateAuthException($"Tradovate did not say who the token belongs to ({me?.ErrorText ?? "no answer"})");
        return (_userId = id).Value;
    }

    /// <summary>The token was refused (revoked, or a login elsewhere took it): drop it, so the next call logs in or renews.</summary>
    public void TokenRefused(string token)
    {
        if (_token == token) _token = null;
    }

    private async Task LoginAsync(CancellationToken ct)
    {
        var answer = await Rest.PostAsync("auth/accesstokenrequest", new
        {
            name = _login.Name, password = _login.Password, appId = _login.AppId, appVersion = _login.AppVersion,
            cid = long.TryParse(_login.Cid, out var cid) ? cid : 0, sec = _login.Sec, deviceId = _login.DeviceId,
        }, null, ct);
        Logins++;
        var token = answer?.As<TvAccessToken>();
        if (token is null || token.ErrorText is { Length: > 0 } || token.AccessToken is null)
        {
            // A failed login is HTTP 200 with errorText; retrying with the same credentials only earns a penalty.
            Fatal = $"refused the login: {token?.ErrorText ?? "no token in the answer"}";
            throw new TradovateAuthException(Fatal);
        }
        Take(token);
        _log.LogInformation("Tradovate {Environment}: logged in as {User}, token until {Expires:O}", Environment, token.Name, _expires);
    }

    private async Task<bool> TryRenewAsync(CancellationToken ct)
    {
        try
        {
            var token = (await Rest.GetAsync("auth/renewaccesstoken", _token, ct))?.As<TvAccessToken>();
            if (token?.AccessToken is null) return false;
            Take(token);
            _log.LogInformation("Tradovate {Environment}: token renewed until {Expires:O}", Environment, _expires);
            return true;
        }
        catch (TradovateAuthException ex)
        {
            _log.LogWarning("Tradovate {Environment}: renewal refused ({Reason})", Environment, ex.Message);
            _token = null;
            return false;
        }
    }

    /// <summary>An OAuth token was renewed: it must be stored, or a restart after the old one's expiry needs a new consent.</summary>
    public event Action<string, DateTimeOffset>? OAuthTokenRenewed;

    private void Take(TvAccessToken token)
    {
        _token = token.AccessToken;
        _expires = token.ExpirationTime ?? _time.GetUtcNow().AddMinutes(80);
        if (token.UserId is { } id) _userId = id;
        if (_login.OAuth && _token is { } renewed) OAuthTokenRenewed?.Invoke(renewed, _expires);
    }

    /// <summary>The OAuth user this session is for (settings <c>oauthUser</c>).</summary>
    public string? OAuthUser => _login.OAuthUser;

    /// <summary>Renews ahead of expiry while the session lives: the socket stays authorized, REST calls get the new token.</summary>
    private async Task RenewLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var due = _token is null ? TimeSpan.FromSeconds(5) : _expires - RenewBefore - _time.GetUtcNow();
                if (due > TimeSpan.Zero) await _time.DelayAsync(due, stop);
                if (_token is not null && _time.GetUtcNow() >= _expires - RenewBefore)
                {
                    await _tokenLock.WaitAsync(stop);
                    try
                    {
                        if (_token is not null && _time.GetUtcNow() >= _expires - RenewBefore && !await TryRenewAsync(stop))
                            await _time.DelayAsync(TimeSpan.FromSeconds(5), stop);
                    }
                    finally { _tokenLock.Release(); }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "Tradovate {Environment}: renewal failed", Environment);
                try { await _time.DelayAsync(TimeSpan.FromSeconds(5), stop); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
