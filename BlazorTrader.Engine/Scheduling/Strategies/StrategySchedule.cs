using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Jobs;
using Hangfire;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>Keeps a strategy's Hangfire recurring jobs in step with its row: added or updated on save, removed on delete.</summary>
public sealed class StrategySchedule(IRecurringJobManager jobs, TradingCalendar calendar)
{
    /// <summary>
    /// The entry runs only while the strategy is enabled. The exit stays while the strategy exists, so a strategy
    /// disabled after today's entry still closes it; an exit with nothing to close does nothing.
    /// </summary>
    public int Apply(ScheduledStrategyEntity strategy)
    {
        var id = strategy.Id;
        var count = 0;
        if (strategy.Enabled)
        {
            // A late entry is worse than none: a missed firing is skipped, never caught up.
            jobs.AddOrUpdate<StrategyEntryJob>(ScheduleKeys.EntryJob(id), j => j.RunAsync(id),
                CronSchedule.At(strategy.EntryTime, strategy.Days), Options(MisfireHandlingMode.Ignorable));
            count++;
        }
        else jobs.RemoveIfExists(ScheduleKeys.EntryJob(id));

        if (strategy.ExitTime is { } exit)
        {
            // A late exit is better than none: after downtime the missed exit runs once.
            jobs.AddOrUpdate<StrategyExitJob>(ScheduleKeys.ExitJob(id), j => j.RunAsync(id),
                CronSchedule.At(exit, strategy.Days), Options(MisfireHandlingMode.Relaxed));
            count++;
        }
        else jobs.RemoveIfExists(ScheduleKeys.ExitJob(id));
        return count;
    }

    public void Remove(long strategyId)
    {
        jobs.RemoveIfExists(ScheduleKeys.EntryJob(strategyId));
        jobs.RemoveIfExists(ScheduleKeys.ExitJob(strategyId));
    }

    internal RecurringJobOptions Options(MisfireHandlingMode misfire) => new() { TimeZone = calendar.ExchangeZone, MisfireHandling = misfire };
}
