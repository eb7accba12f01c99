using BlazorTrader.Engine.MarketData.Bars;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Hangfire;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>
/// The gap-and-go strategy's recurring jobs: a scan every scanMinutes from the premarket (04:00 ET) to liquidateAt on
/// weekdays, and the liquidation at liquidateAt. The jobs check holidays and the window themselves (the calendar, not
/// cron, knows the exchange's days). Saving the strategy also tells the engine's bars which symbols to watch.
/// </summary>
public sealed class GapAndGoJobs(IRecurringJobManager jobs, SessionBars bars) : IStrategyKindJobs
{
    public static readonly TimeOnly PremarketStart = new(4, 0);

    public StrategyKind Kind => StrategyKind.GapAndGo;

    public static string ScanJob(long strategyId) => $"{ScheduleKeys.StrategyJobPrefix}{strategyId}:gap-scan";
    public static string LiquidationJob(long strategyId) => $"{ScheduleKeys.StrategyJobPrefix}{strategyId}:gap-liquidate";
    public static string EarlyLiquidationJob(long strategyId) => $"{ScheduleKeys.StrategyJobPrefix}{strategyId}:gap-liquidate-early";

    public int Apply(ScheduledStrategyEntity strategy, RecurringJobOptions entryOptions, RecurringJobOptions exitOptions)
    {
        bars.Invalidate();
        var id = strategy.Id;
        var p = StrategyParametersJson.Parse(StrategyKind.GapAndGo, strategy.ParametersJson, out _) as GapAndGoParameters ?? new GapAndGoParameters();
        var count = 0;
        if (strategy.Enabled)
        {
            // A late scan is worse than none: a missed firing is skipped, never caught up.
            jobs.AddOrUpdate<GapAndGoScanJob>(ScanJob(id), j => j.RunAsync(id), ScanCron(p), entryOptions);
            count++;
        }
        else jobs.RemoveIfExists(ScanJob(id));
        // The liquidation stays while the strategy exists, so a strategy disabled after today's entries is still flat by the close.
        jobs.AddOrUpdate<GapAndGoLiquidationJob>(LiquidationJob(id), j => j.RunAsync(id, false), CronSchedule.At(p.LiquidateAt), exitOptions);
        // Shortened days close at 13:00 ET: this one acts only on those, 5 minutes before the close.
        jobs.AddOrUpdate<GapAndGoLiquidationJob>(EarlyLiquidationJob(id), j => j.RunAsync(id, true), CronSchedule.At(GapAndGoSession.EarlyLiquidation), exitOptions);
        return count + 2;
    }

    public void Remove(long strategyId)
    {
        bars.Invalidate();
        jobs.RemoveIfExists(ScanJob(strategyId));
        jobs.RemoveIfExists(LiquidationJob(strategyId));
        jobs.RemoveIfExists(EarlyLiquidationJob(strategyId));
    }

    /// <summary>Every scanMinutes in 04:00-15:59 on weekdays when it divides the hour, else every minute (the job keeps the rhythm).</summary>
    public static string ScanCron(GapAndGoParameters p) =>
        60 % p.ScanMinutes == 0 ? $"*/{p.ScanMinutes} {PremarketStart.Hour}-15 * * 1-5" : $"* {PremarketStart.Hour}-15 * * 1-5";

    /// <summary>True when <paramref name="exchangeTime"/> is a scan time: in [04:00, liquidation time) on the scanMinutes grid from 04:00.</summary>
    public static bool IsScanTime(TimeOnly exchangeTime, TimeOnly liquidation, GapAndGoParameters p)
    {
        if (exchangeTime < PremarketStart || exchangeTime >= liquidation) return false;
        var minutes = (int)(exchangeTime - PremarketStart).TotalMinutes;
        return minutes % p.ScanMinutes == 0;
    }
}
