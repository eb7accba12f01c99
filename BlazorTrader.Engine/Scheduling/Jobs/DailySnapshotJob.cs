using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Strategies;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>The daily P&amp;L snapshot: a pnl_history point per recorder and the daily summary notification, once per trading day.</summary>
public sealed class DailySnapshotJob(ITradingEngine engine, TradingCalendar calendar, TimeProvider time, ILogger<DailySnapshotJob> log)
{
    public async Task RunAsync()
    {
        var day = calendar.TradingDay(time.GetUtcNow());
        var key = ScheduleKeys.DailySnapshot(day);
        var outcome = await engine.SendAsync(new RecordDailySnapshot(key, day), StrategyEntryJob.EngineTimeout);
        log.Snapshot(key, outcome.Duplicate ? "duplicate" : $"{outcome.RecordersRecorded} recorder(s), {outcome.RealizedToday:0.00} realized in {outcome.TradesClosedToday} trade(s)");
    }
}
