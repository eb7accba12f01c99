using BlazorTrader.Engine.Accounts;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Supervision;
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
            .AddCheck<MarketDataHealthCheck>("marketData")
            .AddCheck<ComponentsHealthCheck>("components")
            .AddCheck<SchedulerHealthCheck>("scheduler")
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

internal sealed class EngineHealthCheck(ITradingEngine engine, EngineLeadership leadership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["role"] = leadership.Role.ToString().ToLowerInvariant() };
        return Task.FromResult(engine.IsReady ? HealthCheckResult.Healthy("reading commands", data)
            : leadership.Role == EngineRole.Follower ? HealthCheckResult.Healthy("follower: another instance's engine leads; webhooks are forwarded to it", data)
            : HealthCheckResult.Unhealthy("not started", data: data));
    }
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

/// <summary>Every supervised component's state and restart count; a component restarting makes the app degraded.</summary>
internal sealed class ComponentsHealthCheck(ComponentHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var all = health.All;
        var data = all.ToDictionary(c => c.Name, c => (object)new { state = c.State.ToString().ToLowerInvariant(), restarts = c.Restarts, lastError = c.LastError });
        var restarting = all.Where(c => c.State == ComponentState.Restarting).Select(c => c.Name).ToList();
        return Task.FromResult(restarting.Count == 0
            ? HealthCheckResult.Healthy($"{all.Count} components", data)
            : HealthCheckResult.Degraded($"restarting: {string.Join(", ", restarting)}", data: data));
    }
}

internal sealed class SchedulerHealthCheck(Hangfire.JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var monitor = storage.GetMonitoringApi();
        var servers = monitor.Servers().Count;
        var data = new Dictionary<string, object> { ["servers"] = servers, ["failedJobs"] = monitor.FailedCount(), ["storage"] = storage.GetType().Name };
        return Task.FromResult(servers > 0
            ? HealthCheckResult.Healthy($"{servers} Hangfire server(s)", data)
            : HealthCheckResult.Degraded("no Hangfire server is running", data: data));
    }
}

/// <summary>Every enabled account's broker connection; a disconnected broker degrades, it does not stop the app.</summary>
internal sealed class BrokerHealthCheck(IDbContextFactory<TradingDbContext> dbFactory, AccountQueries queries) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.Enabled).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        // Each account's state and the broker's own words for it (IB: link lost 1100, restored 1101/1102, client id in use 326).
        var data = accounts.ToDictionary(a => a.Name, a => (object)(queries.ConnectionDetail(a.Id) is { } detail
            ? $"{queries.ConnectionState(a.Id).ToString().ToLowerInvariant()}: {detail}" : queries.ConnectionState(a.Id).ToString().ToLowerInvariant()));
        var down = accounts.Where(a => queries.ConnectionState(a.Id) != BrokerConnectionState.Connected)
            .Select(a => queries.ConnectionDetail(a.Id) is { } d ? $"{a.Name} ({d})" : a.Name).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy($"{accounts.Count} account(s) connected", data)
            : HealthCheckResult.Degraded($"not connected: {string.Join(", ", down)}", data: data);
    }
}
