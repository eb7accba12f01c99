using System.Security.Cryptography;

namespace BlazorTrader.Hosting.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy fit for Blazor Server and MudBlazor (scripts from this
/// origin plus the import map carrying a per-request nonce; inline styles, which MudBlazor sets on elements;
/// the circuit's websocket to this origin), no framing, no MIME sniffing, no referrer to other sites; HSTS on HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public const string NonceItem = "csp-nonce";

    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Hangfire dashboard writes inline scripts of its own.</summary>
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The nonce of this request's CSP, for the import map (the one inline script Blazor writes).</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceItem] as string;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceItem] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? DashboardPolicy : Policy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // After forwarded headers: HTTPS as the client sees it, directly or through a trusted proxy.
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
