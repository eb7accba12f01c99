using Microsoft.AspNetCore.Authentication.Cookies;

namespace BlazorTrader.Hosting.Security;

/// <summary>
/// The auth cookie is <c>Secure</c> whenever the browser's side of the connection is HTTPS: the request itself, or a
/// TLS-terminating proxy saying so in <c>X-Forwarded-Proto</c>, even when that proxy is not listed in
/// Webhooks:TrustedProxies. The header is taken from anyone here because it can only add the flag: a forged one makes
/// the sender's own cookie stricter and changes nothing else (scheme, client address and HSTS still follow the trusted
/// proxies only). Every write of the cookie goes through here, the sliding renewal included.
/// </summary>
internal sealed class ForwardedHttpsCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        if (!options.Secure && ClientSawHttps(context.Request)) options.Secure = true;
        _inner.AppendResponseCookie(context, key, value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        if (!options.Secure && ClientSawHttps(context.Request)) options.Secure = true;
        _inner.DeleteCookie(context, key, options);
    }

    /// <summary>The first (client-facing) entry of X-Forwarded-Proto; after a trusted proxy, the forwarded-headers middleware has already made it the scheme.</summary>
    internal static bool ClientSawHttps(HttpRequest request)
    {
        if (request.IsHttps) return true;
        var forwarded = request.Headers["X-Forwarded-Proto"].ToString();
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Equals("https", StringComparison.OrdinalIgnoreCase);
    }
}
