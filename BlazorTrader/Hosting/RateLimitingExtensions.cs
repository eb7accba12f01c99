using System.Globalization;
using System.Threading.RateLimiting;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Hosting;

public static class RateLimitingExtensions
{
    public const string WebhookPolicy = "webhook";

    /// <summary>
    /// Per-token fixed window (Webhooks:RateLimitPerMinute). Unknown tokens share one partition so
    /// random URLs cannot create unbounded limiter state.
    /// </summary>
    public static IServiceCollection AddWebhookRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(WebhookPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue.RateLimitPerMinute;
                var token = context.Request.RouteValues["token"] as string ?? "";
                var directory = context.RequestServices.GetRequiredService<RecorderDirectory>();
                var known = token.Length <= WebhookToken.MaxLength && directory.TryFind(WebhookToken.Hash(token), out _);
                return RateLimitPartition.GetFixedWindowLimiter(known ? token : "(unknown)", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = known ? limit : Math.Max(limit, 600),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many webhooks",
                    detail: $"This webhook accepts at most the configured number of calls per minute (Webhooks:RateLimitPerMinute); retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.")
                    .ExecuteAsync(http);
            };
        });
        return services;
    }
}
