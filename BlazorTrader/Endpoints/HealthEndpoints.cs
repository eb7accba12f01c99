using System.Reflection;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
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
        app.MapGet("/status", StatusAsync);
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

    private static async Task<IResult> StatusAsync(TradingDbContext db, FeedStatusProvider feed, CancellationToken ct)
    {
        var positions = await db.Positions.AsNoTracking().Where(p => p.Status == TradeStatus.Open).OrderBy(p => p.Id).ToListAsync(ct);
        var trades = await db.Trades.AsNoTracking().Where(t => t.Status == TradeStatus.Open).OrderBy(t => t.Id).ToListAsync(ct);
        return Results.Ok(new
        {
            version = Version,
            openPositions = positions.Select(ApiContracts.ToPosition),
            openTrades = trades.Select(ApiContracts.ToTrade),
            feed = feed.Current(),
        });
    }

    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
