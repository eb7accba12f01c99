using BlazorTrader.Engine;
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
            .AddCheck<EngineHealthCheck>("engine");
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
