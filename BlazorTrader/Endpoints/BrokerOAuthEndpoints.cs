using System.Security.Claims;
using System.Security.Cryptography;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using Microsoft.AspNetCore.DataProtection;

namespace BlazorTrader.Endpoints;

/// <summary>
/// The Tradovate "Connect" flow for a signed-in person: <c>start</c> redirects to Tradovate's login page with a state that
/// is bound to the user, the account and a nonce kept in an HttpOnly cookie of this browser (so a callback forged on
/// another browser, or replayed, is refused); <c>callback</c> checks all three, then lets the engine exchange the code and
/// store the token encrypted.
/// </summary>
public static class BrokerOAuthEndpoints
{
    private const string NonceCookie = "bt_oauth_tradovate";
    private const string Purpose = "BlazorTrader.OAuth.Tradovate.State.v1";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapBrokerOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/oauth/tradovate").RequireAuthorization();
        group.MapGet("/start", StartAsync);
        group.MapGet("/callback", CallbackAsync);
        return app;
    }

    private static async Task<IResult> StartAsync(long? accountId, HttpContext http, ITradingEngine engine, IDataProtectionProvider protection,
        IConfiguration configuration, TimeProvider time, CancellationToken ct)
    {
        if (accountId is not { } id) return Invalid("accountId", "accountId is required: the Tradovate account to connect");
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow().Add(StateLifetime).ToUnixTimeSeconds();
        var state = protection.CreateProtector(Purpose).Protect($"{User(http)}|{id}|{nonce}|{expires}");
        var start = await engine.SendAsync(new StartBrokerOAuth(id, RedirectUri(http, configuration), state), EngineTimeout, ct);
        if (start.AuthorizeUrl is not { } url)
            return start.Error!.StartsWith("There is no account", StringComparison.Ordinal)
                ? Results.Problem(statusCode: 404, title: "Account not found", detail: start.Error)
                : Invalid("accountId", start.Error);
        http.Response.Cookies.Append(NonceCookie, nonce, new CookieOptions
        {
            HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax,   // Lax: sent on Tradovate's top-level redirect back
            Path = "/api/oauth/tradovate", MaxAge = StateLifetime,
        });
        return Results.Redirect(url);
    }

    private static async Task<IResult> CallbackAsync(string? code, string? state, string? error, HttpContext http, ITradingEngine engine,
        IDataProtectionProvider protection, IConfiguration configuration, TimeProvider time, CancellationToken ct)
    {
        if (error is { Length: > 0 }) return Invalid("error", $"Tradovate did not grant access: {error}");
        if (string.IsNullOrEmpty(code)) return Invalid("code", "code is missing from the callback");
        if (string.IsNullOrEmpty(state)) return Invalid("state", "state is missing from the callback");
        string[] parts;
        try { parts = protection.CreateProtector(Purpose).Unprotect(state).Split('|'); }
        catch (CryptographicException) { return Invalid("state", "state was not issued by this server"); }
        if (parts.Length != 4 || !long.TryParse(parts[1], out var accountId) || !long.TryParse(parts[3], out var expires))
            return Invalid("state", "state is malformed");
        if (parts[0] != User(http)) return Invalid("state", "state belongs to another user");
        if (!http.Request.Cookies.TryGetValue(NonceCookie, out var nonce) || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(nonce), System.Text.Encoding.ASCII.GetBytes(parts[2])))
            return Invalid("state", "state does not match this browser's connect request (start again from the Accounts page)");
        if (time.GetUtcNow().ToUnixTimeSeconds() > expires) return Invalid("state", "state has expired (start again)");
        http.Response.Cookies.Delete(NonceCookie, new CookieOptions { Path = "/api/oauth/tradovate" });   // single use
        var result = await engine.SendAsync(new CompleteBrokerOAuth(accountId, code, RedirectUri(http, configuration)), EngineTimeout, ct);
        return result.Connected
            ? Results.Redirect($"/accounts?connected={accountId}")
            : Results.Problem(statusCode: 502, title: "Tradovate did not connect", detail: result.Detail);
    }

    /// <summary>The callback URL registered with Tradovate: configured, else this server's own.</summary>
    private static string RedirectUri(HttpContext http, IConfiguration configuration) =>
        configuration["Tradovate:OAuthRedirectUri"] is { Length: > 0 } configured
            ? configured
            : $"{http.Request.Scheme}://{http.Request.Host}/api/oauth/tradovate/callback";

    private static string User(HttpContext http) => http.User.FindFirstValue(ClaimTypes.Name) ?? http.User.Identity?.Name ?? "";

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "Tradovate connect refused");
}
