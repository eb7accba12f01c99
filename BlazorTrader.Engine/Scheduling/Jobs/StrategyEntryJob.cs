using BlazorTrader.Engine.Accounts;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Strategies;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>
/// A scheduled strategy's entry: reads the strategy and the last price, and sends one <see cref="PlaceOrder"/> keyed by
/// strategy + trading day. However often it runs on a day (twice, retried, from the dashboard, after a restart) it is one order.
/// </summary>
public sealed class StrategyEntryJob(
    ITradingEngine engine,
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingCalendar calendar,
    InstrumentCatalog instruments,
    PriceCache prices,
    AccountQueries accounts,
    NotificationDispatcher notifications,
    TimeProvider time,
    ILogger<StrategyEntryJob> log)
{
    internal static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(30);

    /// <summary>No automatic retry: a late entry is worse than none, and a retry could only answer "duplicate" anyway.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Entry of strategy {0}")]
    public async Task RunAsync(long strategyId)
    {
        var now = time.GetUtcNow();
        var day = calendar.TradingDay(now);
        await using var db = await dbFactory.CreateDbContextAsync();
        var strategy = await db.ScheduledStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == strategyId);
        if (strategy is null) { log.EntrySkipped(strategyId, day, "the strategy was deleted"); return; }
        if (!strategy.Enabled) { log.EntrySkipped(strategyId, day, "the strategy is disabled"); return; }
        if (!strategy.Days.Contains(day.DayOfWeek)) { log.EntrySkipped(strategyId, day, $"{day.DayOfWeek} is not one of its days"); return; }

        var spec = instruments.SpecFor(strategy.Ticker);
        var market = InstrumentMarkets.For(spec);
        if (!calendar.IsTradingDay(day, market)) { log.EntrySkipped(strategyId, day, $"{market} is closed"); return; }
        // Also guards a manual trigger late in the day: an entry after its exit would stay open until the flatten.
        if (strategy.ExitTime is { } exit && now >= calendar.ToUtc(day, exit)) { log.EntrySkipped(strategyId, day, "its exit time has passed"); return; }

        var key = ScheduleKeys.EntryIntent(strategyId, day);
        // A bracket or a capital-% size around a delayed price (anonymous TradingView: CME ~10 min late) could sit on the
        // wrong side of the market: such a price counts as no price, and an entry that needs one is skipped and reported.
        decimal? price = prices.TryGet(strategy.Ticker, out var last) && last.Mode is not (DataMode.Delayed or DataMode.Stale or DataMode.EndOfDay)
            ? last.Price : null;
        decimal? equity = strategy.Sizing == StrategySizing.CapitalPercent ? (await accounts.SummaryAsync(strategy.AccountId, CancellationToken.None))?.NetLiquidation : null;
        var built = StrategyOrderBuilder.Entry(strategy, spec, key, price, equity);
        if (built.Ticket is null)
        {
            log.EntrySkipped(strategyId, day, built.Problem!);
            notifications.Publish(NotificationKind.OrderRejected, NotificationSeverity.Warning, $"Scheduled entry '{strategy.Name}' not placed", built.Problem!);
            return;
        }

        var outcome = await engine.SendAsync(new PlaceOrder(built.Ticket), EngineTimeout);
        log.OrderOutcome("entry", strategyId, key, $"{outcome.Status} intent {outcome.IntentId} {outcome.Reason}");
    }
}
