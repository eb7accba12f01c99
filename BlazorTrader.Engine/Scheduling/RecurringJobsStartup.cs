using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Scheduling.Strategies;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling;

/// <summary>
/// At start (after the database migration): the system jobs from configuration and every strategy's jobs from the database.
/// With persistent job storage, jobs of strategies deleted meanwhile are removed; the database is the truth.
/// </summary>
internal sealed class RecurringJobsStartup(
    IDbContextFactory<TradingDbContext> dbFactory,
    SystemJobs systemJobs,
    StrategySchedule schedule,
    JobStorage storage,
    ILogger<RecurringJobsStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var system = systemJobs.Register();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var strategies = await db.ScheduledStrategies.AsNoTracking().ToListAsync(ct);
        var registered = strategies.Sum(schedule.Apply);

        // Apply above already dropped the jobs a strategy's kind does not have; what is left to remove belongs to deleted strategies.
        var existing = strategies.Select(s => $"{ScheduleKeys.StrategyJobPrefix}{s.Id}:").ToList();
        using var connection = storage.GetConnection();
        var stale = connection.GetRecurringJobs()
            .Select(j => j.Id).Where(id => id.StartsWith(ScheduleKeys.StrategyJobPrefix, StringComparison.Ordinal)
                && !existing.Any(prefix => id.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        var jobs = new RecurringJobManager(storage);
        foreach (var id in stale) jobs.RemoveIfExists(id);
        log.JobsRegistered(system, registered, stale.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
