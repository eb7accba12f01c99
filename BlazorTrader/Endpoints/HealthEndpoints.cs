using System.Reflection;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Hosting.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorTrader.Endpoints;

/// <summary>/health (liveness + readiness per component) and /status (what is open, what the feed sees).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteHealthAsync,
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
        });
        // Positions, entry prices and TP/SL levels: only for the API key or a signed-in user; /health stays public.
        app.MapGet("/status", StatusAsync).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.Identity?.IsAuthenticated == true
                || http.RequestServices.GetRequiredService<FirstStartSecrets>().ApiKeyMatches(http.Request.Headers[ApiKeyExtensions.HeaderName]))
                return await next(context);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key or sign-in required",
                detail: $"/status shows positions: send the REST API key in the {ApiKeyExtensions.HeaderName} header, or sign in. /health is public.");
        });
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var components = report.Entries.ToDictionary(
            e => e.Key,
            e => (object)new { status = e.Value.Status.ToString().ToLowerInvariant(), detail = e.Value.Description, data = e.Value.Data });
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            version = Version,
            components,
        });
    }

    /// <summary>Open positions as the engine sees them now (live prices), open trades, the feed per symbol, and data warnings.</summary>
    private static async Task<IResult> StatusAsync(TradingDbContext db, FeedStatusProvider feed, EngineEventHub events, CancellationToken ct)
    {
        var positions = events.OpenPositions;
        var trades = await db.Trades.AsNoTracking().Where(t => t.Status == TradeStatus.Open).OrderBy(t => t.Id).ToListAsync(ct);
        var feedStatus = feed.Current();
        return Results.Ok(new
        {
            version = Version,
            openPositions = positions.Select(ApiContracts.ToPosition),
            openTrades = trades.Select(ApiContracts.ToTrade),
            feed = feedStatus,
            warnings = DataModeWarnings.For(positions, feedStatus),
        });
    }

    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
