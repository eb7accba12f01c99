using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Engine.Scheduling.Strategies;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Scheduling;

/// <summary>The recurring jobs every installation has: end-of-day flatten per instrument class, reconciliation, daily snapshot, protection check.</summary>
public sealed class SystemJobs(IRecurringJobManager jobs, StrategySchedule schedule, IOptions<SchedulingOptions> options)
{
    /// <summary>Adds or updates the system jobs from configuration; returns how many are registered.</summary>
    public int Register()
    {
        var o = options.Value;
        // Relaxed: after downtime a missed run happens once, late; each is keyed by the day, so a repeat does nothing.
        var relaxed = schedule.Options(MisfireHandlingMode.Relaxed);
        var count = 0;
        foreach (var kind in Enum.GetValues<InstrumentKind>())
        {
            var id = ScheduleKeys.EndOfDayFlattenJob(kind.ToString());
            var earlyId = ScheduleKeys.EarlyCloseFlattenJob(kind.ToString());
            var on = o.EndOfDayFlatten.TryGetValue(kind.ToString(), out var at) && !string.IsNullOrWhiteSpace(at);
            var k = kind;
            if (on) jobs.AddOrUpdate<EndOfDayFlattenJob>(id, j => j.RunAsync(k), CronSchedule.At(at!), relaxed);
            else jobs.RemoveIfExists(id);
            if (on && !string.IsNullOrEmpty(o.EarlyCloseFlatten))
                jobs.AddOrUpdate<EndOfDayFlattenJob>(earlyId, j => j.RunBeforeEarlyCloseAsync(k), CronSchedule.At(o.EarlyCloseFlatten), relaxed);
            else jobs.RemoveIfExists(earlyId);
            count += on ? 2 : 0;
        }
        jobs.AddOrUpdate<ReconciliationJob>(ScheduleKeys.ReconciliationJob, j => j.RunAsync(), CronSchedule.At(o.Reconciliation), relaxed);
        jobs.AddOrUpdate<DailySnapshotJob>(ScheduleKeys.DailySnapshotJob, j => j.RunAsync(), CronSchedule.At(o.DailySnapshot), relaxed);
        // Every 15 minutes: what rests at the brokers against the open positions (a missed run is simply the next one).
        jobs.AddOrUpdate<ProtectionCheckJob>(ScheduleKeys.ProtectionCheckJob, j => j.RunAsync(), "*/15 * * * *", schedule.Options(MisfireHandlingMode.Relaxed));
        return count + 3;
    }
}
