using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Strategies;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>
/// A scheduled strategy's time exit: asks the engine to close what today's entry opened. Keeps Hangfire's retries:
/// the exit key makes a repeat harmless, and a late exit is better than none.
/// </summary>
public sealed class StrategyExitJob(ITradingEngine engine, TradingCalendar calendar, TimeProvider time, ILogger<StrategyExitJob> log)
{
    [JobDisplayName("Time exit of strategy {0}")]
    public async Task RunAsync(long strategyId)
    {
        var day = calendar.TradingDay(time.GetUtcNow());
        var key = ScheduleKeys.ExitIntent(strategyId, day);
        var outcome = await engine.SendAsync(new CloseScheduledEntry(ScheduleKeys.EntryIntent(strategyId, day), key), StrategyEntryJob.EngineTimeout);
        log.OrderOutcome("exit", strategyId, key, $"{outcome.Status} {outcome.Quantity:0.####} intent {outcome.IntentId} {outcome.Reason}");
    }
}
