using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

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
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                options.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>POST /account/logout (antiforgery-checked through the form parameter).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
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
}
