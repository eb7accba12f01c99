using BlazorTrader.Engine;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
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
            .AddCheck<BrokerHealthCheck>("broker");
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

/// <summary>Every enabled account's broker connection; a disconnected broker degrades, it does not stop the app.</summary>
internal sealed class BrokerHealthCheck(IDbContextFactory<TradingDbContext> dbFactory, AccountQueries queries) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.Enabled).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var down = accounts.Where(a => queries.ConnectionState(a.Id) != BrokerConnectionState.Connected).Select(a => a.Name).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy($"{accounts.Count} account(s) connected")
            : HealthCheckResult.Degraded($"not connected: {string.Join(", ", down)}");
    }
}
