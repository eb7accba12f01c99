using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Engine.Strategies;
using Hangfire;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>
/// The recurring jobs of a built-in strategy kind (e.g. the calendar's entry, time exit and reconciliation), registered in
/// DI by the kind's folder; <see cref="StrategySchedule"/> hands it the strategies of its kind.
/// </summary>
public interface IStrategyKindJobs
{
    StrategyKind Kind { get; }

    /// <summary>Adds, updates or removes the strategy's jobs to match its row; returns how many are scheduled.</summary>
    int Apply(ScheduledStrategyEntity strategy, RecurringJobOptions entryOptions, RecurringJobOptions exitOptions);

    void Remove(long strategyId);
}

/// <summary>Keeps a strategy's Hangfire recurring jobs in step with its row: added or updated on save, removed on delete.</summary>
public sealed class StrategySchedule(IRecurringJobManager jobs, TradingCalendar calendar, IEnumerable<IStrategyKindJobs> kinds)
{
    /// <summary>
    /// The entry runs only while the strategy is enabled. The exit stays while the strategy exists, so a strategy
    /// disabled after today's entry still closes it; an exit with nothing to close does nothing.
    /// </summary>
    public int Apply(ScheduledStrategyEntity strategy)
    {
        var id = strategy.Id;
        if (strategy.Kind != StrategyKind.Single)
        {
            // A strategy whose kind changed keeps none of its old kind's jobs.
            RemoveSingle(id);
            foreach (var other in kinds.Where(k => k.Kind != strategy.Kind)) other.Remove(id);
            return kinds.FirstOrDefault(k => k.Kind == strategy.Kind) is { } own
                ? own.Apply(strategy, Options(MisfireHandlingMode.Ignorable), Options(MisfireHandlingMode.Relaxed))
                : 0;
        }
        foreach (var kind in kinds) kind.Remove(id);
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
        RemoveSingle(strategyId);
        foreach (var kind in kinds) kind.Remove(strategyId);
    }

    private void RemoveSingle(long strategyId)
    {
        jobs.RemoveIfExists(ScheduleKeys.EntryJob(strategyId));
        jobs.RemoveIfExists(ScheduleKeys.ExitJob(strategyId));
    }

    internal RecurringJobOptions Options(MisfireHandlingMode misfire) => new() { TimeZone = calendar.ExchangeZone, MisfireHandling = misfire };
}
