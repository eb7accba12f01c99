using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BlazorTrader.Hosting.Security;

/// <summary>
/// Cookie login for the UI (and later /hangfire): one admin whose password comes from configuration
/// or is generated and printed once at first start (<see cref="FirstStartSecrets"/>). The REST API keeps
/// its X-Api-Key and webhooks their tokens; neither is affected by the cookie.
/// </summary>
public static class CookieLoginExtensions
{
    public const string LoginPath = "/login";
    public const string LogoutPath = "/account/logout";

    /// <summary>Rate limit of the login page (GET and POST) per client address: slows down password guessing.</summary>
    public const string LoginPolicy = "login";
    public const int LoginAttemptsPerMinute = 30;

    public static IServiceCollection AddCookieLogin(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = LoginPath;
                options.AccessDeniedPath = LoginPath;
                options.Cookie.Name = "BlazorTrader.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // plain HTTP on a LAN must still sign in
                options.CookieManager = new ForwardedHttpsCookieManager();         // Secure behind a TLS-terminating proxy too
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
                // The browser drops the cookie by its own wall clock, so the ticket is stamped with it too, not the trading clock.
                options.TimeProvider = TimeProvider.System;
            });
        services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(LoginPolicy, new LoginRateLimitPolicy()));
        return services;
    }

    /// <summary>POST /account/logout (antiforgery-checked through the form parameter).</summary>
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LogoutPath, async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.LocalRedirect(LoginPath);
        });
        return app;
    }

    /// <summary>Only local paths: a login link must never redirect to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith(LoginPath, StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";

    /// <summary>Per client address; its own answer, so a locked-out person reads about sign-in, not webhooks.</summary>
    private sealed class LoginRateLimitPolicy : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address; wait a minute and try again.", ct);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetFixedWindowLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = LoginAttemptsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
}
