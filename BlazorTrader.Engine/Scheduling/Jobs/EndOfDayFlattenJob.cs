using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Strategies;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>End-of-day flatten of one instrument class (futures at another time than stocks); a repeat of the day's key is harmless.</summary>
public sealed class EndOfDayFlattenJob(ITradingEngine engine, TradingCalendar calendar, TimeProvider time, ILogger<EndOfDayFlattenJob> log)
{
    [JobDisplayName("End-of-day flatten: {0}")]
    public async Task RunAsync(InstrumentKind kind)
    {
        // Runs on holidays too (the cron has weekdays only): a CME holiday session may have opened positions,
        // and flattening an empty book does nothing.
        await FlattenAsync(kind, calendar.TradingDay(time.GetUtcNow()));
    }

    /// <summary>The same flatten, earlier, on an early-close day only; the regular run later that day is then a duplicate.</summary>
    [JobDisplayName("Early-close flatten: {0}")]
    public async Task RunBeforeEarlyCloseAsync(InstrumentKind kind)
    {
        var day = calendar.TradingDay(time.GetUtcNow());
        var market = kind == InstrumentKind.Future ? Market.CmeEquity : Market.Nyse;
        if (calendar.EarlyClose(day, market) is null) return;
        await FlattenAsync(kind, day);
    }

    private async Task FlattenAsync(InstrumentKind kind, DateOnly day)
    {
        var key = ScheduleKeys.EndOfDayFlatten(kind.ToString(), day);
        var outcome = await engine.SendAsync(new FlattenAll(key, $"end-of-day flatten ({kind.ToString().ToLowerInvariant()})", kind), StrategyEntryJob.EngineTimeout);
        log.Flattened(key, outcome.Duplicate ? "duplicate" : $"{outcome.OrdersCancelled} order(s) cancelled, {outcome.IntentIds.Count} account position(s) and {outcome.RecorderPositionsClosed} recorder position(s) closed");
    }
}
