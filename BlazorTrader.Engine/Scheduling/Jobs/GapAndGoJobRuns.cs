using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>
/// The gap-and-go scan job: on a trading day, inside [04:00, liquidateAt) exchange time and on the scanMinutes grid,
/// asks the engine for one scan. Entries are keyed by strategy + trade date + symbol + entry number, so a second run
/// of the same minute (retry, dashboard, restart) buys nothing more.
/// </summary>
public sealed class GapAndGoScanJob(ITradingEngine engine, IDbContextFactory<TradingDbContext> dbFactory, TradingCalendar calendar, TimeProvider time,
    ILogger<GapAndGoScanJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Gap-and-go scan of strategy {0}")]
    public async Task RunAsync(long strategyId)
    {
        var now = time.GetUtcNow();
        var day = calendar.ExchangeDate(now);
        await using var db = await dbFactory.CreateDbContextAsync();
        var strategy = await db.ScheduledStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == strategyId);
        if (strategy is not { Enabled: true }) { log.EntrySkipped(strategyId, day, "the strategy is deleted or disabled"); return; }
        if (!calendar.IsTradingDay(day, Market.Nyse)) { log.EntrySkipped(strategyId, day, "NYSE is closed"); return; }
        var p = StrategyParametersJson.Parse(StrategyKind.GapAndGo, strategy.ParametersJson, out _) as GapAndGoParameters ?? new GapAndGoParameters();
        var exchangeTime = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.ExchangeZone).DateTime);
        if (!GapAndGoJobs.IsScanTime(new TimeOnly(exchangeTime.Hour, exchangeTime.Minute), GapAndGoSession.LiquidationTime(calendar, day, p), p)) return;
        var outcome = await engine.SendAsync(new RunGapAndGoScan(strategyId, "job"), StrategyEntryJob.EngineTimeout);
        var entered = outcome.Scan?.Items.Count(i => i.Action == "entered") ?? 0;
        log.OrderOutcome("scan", strategyId, $"gap:{strategyId}:{day:yyyy-MM-dd}", $"{outcome.Status}: {outcome.Scan?.Items.Count ?? 0} symbol(s), {entered} entered {outcome.Reason}");
    }
}

/// <summary>
/// The gap-and-go end of day at liquidateAt (or, with <c>early</c>, 5 minutes before a 13:00 close, only on such days);
/// Hangfire's retries are kept (keyed per symbol: a repeat sells nothing more).
/// </summary>
public sealed class GapAndGoLiquidationJob(ITradingEngine engine, TradingCalendar calendar, TimeProvider time, ILogger<GapAndGoLiquidationJob> log)
{
    [JobDisplayName("Gap-and-go liquidation of strategy {0}")]
    public async Task RunAsync(long strategyId, bool early)
    {
        var day = calendar.ExchangeDate(time.GetUtcNow());
        if (!calendar.IsTradingDay(day, Market.Nyse)) { log.EntrySkipped(strategyId, day, "NYSE is closed"); return; }
        if (early && calendar.EarlyClose(day, Market.Nyse) is null) return;   // a normal day: the liquidateAt job does it
        var outcome = await engine.SendAsync(new LiquidateGapAndGo(strategyId, "job"), StrategyEntryJob.EngineTimeout);
        log.OrderOutcome("liquidation", strategyId, $"gap:{strategyId}:{day:yyyy-MM-dd}",
            $"{outcome.Status}: {string.Join("; ", outcome.Steps.Select(s => $"{s.Action} {s.Quantity:0.####} {s.Symbol}"))} {outcome.Reason}");
    }
}
