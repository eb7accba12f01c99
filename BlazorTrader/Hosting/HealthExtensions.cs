using BlazorTrader.Engine;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BlazorTrader.Hosting;

public static class HealthExtensions
{
    public static IServiceCollection AddBlazorTraderHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<EngineHealthCheck>("engine")
            .AddCheck<MarketDataHealthCheck>("marketData");
        return services;
    }
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<TradingDbContext> dbFactory, PersistenceSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy(settings.Provider.ToString())
            : HealthCheckResult.Unhealthy($"{settings.Provider} database is unreachable");
    }
}

internal sealed class EngineHealthCheck(ITradingEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(engine.IsReady ? HealthCheckResult.Healthy("reading commands") : HealthCheckResult.Unhealthy("not started"));
}

internal sealed class MarketDataHealthCheck(FeedStatusProvider feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var status = feed.Current();
        var data = new Dictionary<string, object>
        {
            ["source"] = status.Source,
            ["connected"] = status.Connected,
            ["symbols"] = status.Symbols.Count,
            ["staleSymbols"] = status.Symbols.Count(s => s.DataMode == "stale"),
            ["lastTickAgeMs"] = status.Symbols.Count == 0 ? -1 : status.Symbols.Min(s => s.LastTickAgeMs),
        };
        if (status.Source == "None") return Task.FromResult(HealthCheckResult.Healthy("no feed configured", data));
        return Task.FromResult(status.Connected
            ? HealthCheckResult.Healthy($"{status.Source} connected", data)
            : HealthCheckResult.Degraded($"{status.Source} disconnected{(status.LastError is { } e ? ": " + e : "")}", data: data));
    }
}
