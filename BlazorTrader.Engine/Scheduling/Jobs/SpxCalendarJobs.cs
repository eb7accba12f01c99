using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>
/// The SPX calendar's three recurring jobs in exchange time: the entry at the strategy's entryTime on its days, the time exit at
/// the parameters' exitTime and the reconciliation at reconcileTime (every weekday: open calendars need them whatever the entry days).
/// </summary>
public sealed class SpxCalendarKindJobs(IRecurringJobManager jobs) : IStrategyKindJobs
{
    static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public StrategyKind Kind => StrategyKind.SpxDoubleCalendar;

    public static string EntryJob(long strategyId) => $"{ScheduleKeys.StrategyJobPrefix}{strategyId}:spx-entry";
    public static string ExitJob(long strategyId) => $"{ScheduleKeys.StrategyJobPrefix}{strategyId}:spx-exit";
    public static string ReconcileJob(long strategyId) => $"{ScheduleKeys.StrategyJobPrefix}{strategyId}:spx-reconcile";

    public int Apply(ScheduledStrategyEntity strategy, RecurringJobOptions entryOptions, RecurringJobOptions exitOptions)
    {
        var id = strategy.Id;
        var p = StrategyParametersJson.Parse(strategy.Kind, strategy.ParametersJson, out _) as SpxCalendarParameters ?? new SpxCalendarParameters();
        var count = 0;
        if (strategy.Enabled)
        {
            // A late entry is worse than none: a missed firing is skipped.
            jobs.AddOrUpdate<SpxCalendarJob>(EntryJob(id), j => j.EnterAsync(id), CronSchedule.At(strategy.EntryTime, strategy.Days), entryOptions);
            count++;
        }
        else jobs.RemoveIfExists(EntryJob(id));
        // Exits and the reconciliation stay while the strategy exists: a disabled strategy's open calendars are still managed.
        jobs.AddOrUpdate<SpxCalendarJob>(ExitJob(id), j => j.TimeExitAsync(id), CronSchedule.At(p.ExitTime, Weekdays), exitOptions);
        jobs.AddOrUpdate<SpxCalendarJob>(ReconcileJob(id), j => j.ReconcileAsync(id), CronSchedule.At(p.ReconcileTime, Weekdays), exitOptions);
        return count + 2;
    }

    public void Remove(long strategyId)
    {
        jobs.RemoveIfExists(EntryJob(strategyId));
        jobs.RemoveIfExists(ExitJob(strategyId));
        jobs.RemoveIfExists(ReconcileJob(strategyId));
    }
}

/// <summary>The calendar's jobs: each sends one engine command; the engine decides (holidays, the day's one entry, due exits).</summary>
public sealed class SpxCalendarJob(ITradingEngine engine, IDbContextFactory<TradingDbContext> dbFactory, TimeProvider time, ILogger<SpxCalendarJob> log)
{
    /// <summary>Reading the chain and placing the order may take a while on a real broker.</summary>
    internal static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(90);

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("SPX calendar entry of strategy {0}")]
    public async Task EnterAsync(long strategyId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var strategy = await db.ScheduledStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == strategyId);
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (strategy is not { Enabled: true }) { log.EntrySkipped(strategyId, day, "the strategy is deleted or disabled"); return; }
        var outcome = await engine.SendAsync(new EnterSpxCalendar(strategyId, "schedule"), EngineTimeout);
        log.OrderOutcome("spx entry", strategyId, $"trade {outcome.TradeId}", $"{outcome.Status} {outcome.Reason}");
    }

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("SPX calendar time exit of strategy {0}")]
    public async Task TimeExitAsync(long strategyId)
    {
        var outcome = await engine.SendAsync(new RunSpxCalendarTimeExits(strategyId), EngineTimeout);
        log.OrderOutcome("spx time exit", strategyId, "-", $"{outcome.Count} calendar(s) closing {outcome.Reason}");
    }

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("SPX calendar reconciliation of strategy {0}")]
    public async Task ReconcileAsync(long strategyId)
    {
        var outcome = await engine.SendAsync(new ReconcileSpxCalendar(strategyId), EngineTimeout);
        log.OrderOutcome("spx reconciliation", strategyId, "-",
            $"{outcome.MissingLegs.Count} missing leg(s), {outcome.Orphans.Count} orphan(s), {outcome.TargetsPlaced} target(s) placed {outcome.Problem}");
    }
}
