using System.Collections.Concurrent;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution.SpxCalendarTrading;

/// <summary><c>Paper:IgnoreMarketHours</c>: a paper account may enter outside the regular session (demos, checks).</summary>
public sealed class PaperHoursOptions
{
    public const string Section = "Paper";
    public bool IgnoreMarketHours { get; set; }
}

/// <summary>
/// Deterministic crash points of the calendar (tests stop the process there); the default does nothing.
/// <c>entry-filled</c>: the fill is recorded on the trade, its target not yet placed.
/// </summary>
public interface ISpxCalendarCrashPoint
{
    Task ReachedAsync(string point, CancellationToken ct);
}

internal sealed class NoCrashPoint : ISpxCalendarCrashPoint
{
    public Task ReachedAsync(string point, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// The SPX double calendar on the engine loop (issue 16; rules in docs/strategies.md). Entry: one trade row per strategy and
/// trade date (UNIQUE key) before anything else, so the job, the button and a retry make one trade; the chain is read off the
/// loop; one BAG limit walked up by a ladder. After the fill: the trade's debit and its GTC target on the closing combo. Exits:
/// the target's fill, the time exit (cancel the target, confirmed, then a close ladder and a market order), or a manual close.
/// Trades live in <c>spx_calendar_trades</c>, read per command (a few a day); every order is an intent with a derived key.
/// </summary>
internal sealed partial class SpxCalendarHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    IntentWriter writer,
    OrderSubmitter submitter,
    BrokerRegistry brokers,
    PaperOptionMarket paperOptions,
    EngineInbox inbox,
    EngineEventHub events,
    NotificationDispatcher notifications,
    TradingCalendar calendar,
    IOptions<PaperHoursOptions> hours,
    ISpxCalendarCrashPoint crash,
    KillSwitch killSwitch,
    TimeProvider time)
{
    internal const string IntentSource = "spxcal";
    internal const string ComboTicker = "SPXW-CAL";
    private const string AuditCategory = "spx-calendar";

    /// <summary>Callers of "enter" waiting for the day's order (answered when it is placed or the entry is blocked).</summary>
    private readonly Dictionary<long, List<EnterSpxCalendar>> _waiting = [];
    private readonly ConcurrentDictionary<string, ITimer> _timers = new();
    private readonly HashSet<long> _quoting = [];
    private IDisposable? _subscription;

    public Task HandleAsync(ISpxCalendarCommand command, CancellationToken ct) => command switch
    {
        EnterSpxCalendar c => EnterAsync(c, ct),
        SpxChainArrived c => OnChainAsync(c, ct),
        SpxLadderDue c => OnLadderDueAsync(c, ct),
        SpxModifyAnswered c => OnModifyAnsweredAsync(c, ct),
        SpxIntentChanged c => OnIntentChangedAsync(c, ct),
        SpxTargetCancelAnswered c => OnTargetCancelAnsweredAsync(c, ct),
        SpxExitQuotesArrived c => OnExitQuotesAsync(c, ct),
        CloseSpxCalendar c => c.AnswerAsync(() => CloseAsync(c, ct)),
        CloseAllSpxCalendars c => c.AnswerAsync(() => CloseAllAsync(c, ct)),
        RecordSpxManualClose c => c.AnswerAsync(() => RecordManualCloseAsync(c, ct)),
        RunSpxCalendarTimeExits c => c.AnswerAsync(() => TimeExitsAsync(c, ct)),
        PlaceMissingSpxTargets c => c.AnswerAsync(() => PlaceMissingTargetsAsync(c.StrategyId, ct)),
        StopManagingSpxCalendar c => c.AnswerAsync(() => StopManagingAsync(c, ct)),
        ImportSpxCalendar c => c.AnswerAsync(() => ImportAsync(c, ct)),
        ReconcileSpxCalendar c => ReconcileAsync(c, ct),
        SpxPositionsArrived c => OnPositionsAsync(c, ct),
        ListSpxCalendarTrades c => c.AnswerAsync(() => ListAsync(c, ct)),
        _ => throw new InvalidOperationException($"No calendar handler for {command.GetType().Name}"),
    };

    // ---------------------------------------------------------------- entry

    private async Task EnterAsync(EnterSpxCalendar c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await StrategyAsync(db, c.StrategyId, ct) is not var (strategy, p))
        {
            c.Reply.TrySetResult(Blocked(null, $"there is no spxDoubleCalendar strategy {c.StrategyId}"));
            return;
        }
        var now = time.GetUtcNow();
        var day = calendar.ExchangeDate(now);
        var trades = await db.SpxCalendarTrades.Where(t => t.StrategyId == strategy.Id).ToListAsync(ct);
        var today = trades.Where(t => t.TradeDate == day).MaxBy(t => t.Attempt);
        if (today is { Status: not (SpxCalendarTradeStatus.NotFilled or SpxCalendarTradeStatus.NotEntered) })
        {
            // A filled (or working) day is never entered again; an unfilled one may be retried.
            var reply = new SpxEntryOutcome(SpxEntryStatus.Duplicate, today.Id, await EntryIntentIdsAsync(db, today, ct),
                $"today's calendar ({day:yyyy-MM-dd}) is already {Describe(today.Status)}");
            Audit(db, $"Strategy {strategy.Id}: entry from {c.Source} refused, {reply.Reason}");
            await db.SaveChangesAsync(ct);
            c.Reply.TrySetResult(reply);
            return;
        }

        string? blocked = null;
        if (killSwitch.IsOn)
            blocked = $"the kill switch is on ({killSwitch.State.Reason ?? "no reason given"}): no new entries";
        else if (!calendar.IsTradingDay(day, Market.Nyse))
            blocked = $"{day:yyyy-MM-dd} is not a trading day ({calendar.SpecialDay(day, Market.Nyse)?.Name ?? day.DayOfWeek.ToString()}): no entries";
        else if (!calendar.IsMarketOpen(now, Market.Nyse) && !(hours.Value.IgnoreMarketHours && brokers.TryPaper(strategy.AccountId, out _)))
            blocked = "the market is closed (Paper:IgnoreMarketHours lets a paper account enter anyway)";
        else if (trades.Count(t => t.CountsAsOpen) is var open && open >= p.MaxOpen)
            blocked = $"max open calendars reached ({open} of {p.MaxOpen})";
        else if (ChainSource(strategy.AccountId) is null)
            blocked = $"account {strategy.AccountId} has no option data (disabled, or its broker has no option chain)";
        if (blocked is not null)
        {
            Audit(db, $"Strategy {strategy.Id}: entry from {c.Source} blocked: {blocked}");
            await db.SaveChangesAsync(ct);
            Log(EngineLogLevel.Warning, $"SPX calendar '{strategy.Name}': entry blocked: {blocked}");
            c.Reply.TrySetResult(Blocked(null, blocked));
            return;
        }

        var attempt = (today?.Attempt ?? 0) + 1;
        var key = SpxCalendarKeys.Entry(strategy.Id, day) + (attempt == 1 ? "" : $":{attempt}");
        var trade = new SpxCalendarTradeEntity
        {
            StrategyId = strategy.Id, AccountId = strategy.AccountId, TradeDate = day, EntryKey = key, Attempt = attempt, Source = c.Source,
            Status = SpxCalendarTradeStatus.Entering, Quantity = p.Quantity, CreatedAt = now.UtcDateTime, UpdatedAt = now.UtcDateTime,
        };
        db.SpxCalendarTrades.Add(trade);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance entered the day first: its trade is the day's trade.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var first = await fresh.SpxCalendarTrades.AsNoTracking().FirstAsync(t => t.EntryKey == key, ct);
            c.Reply.TrySetResult(new SpxEntryOutcome(SpxEntryStatus.Duplicate, first.Id, await EntryIntentIdsAsync(fresh, first, ct), "today's calendar is already being entered"));
            return;
        }
        _waiting[trade.Id] = [c];
        Log(EngineLogLevel.Info, $"SPX calendar '{strategy.Name}': entering ({c.Source}), reading the chain");

        var shortExpiry = SpxwExpiries.Choose(day, p.ShortDays, calendar).Expiry;
        var longExpiry = SpxwExpiries.Choose(day, p.LongDays, calendar).Expiry;
        var source = ChainSource(strategy.AccountId)!;
        var tradeId = trade.Id;
        OffLoop(async token =>
        {
            try { return new SpxChainArrived(tradeId, await source.GetChainAsync(new OptionChainQuery("SPX", SpxwTicker.Root, shortExpiry, longExpiry, p.StrikeStep, p.TargetDelta), token), null); }
            catch (Exception ex) { return new SpxChainArrived(tradeId, null, ex.Message); }
        });
    }

    private async Task OnChainAsync(SpxChainArrived c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId, ct);
        if (trade is not { Status: SpxCalendarTradeStatus.Entering, LadderKey: null }) return;
        if (await StrategyAsync(db, trade.StrategyId, ct) is not var (strategy, p)) { await NotEnteredAsync(db, trade, "the strategy was deleted", ct); return; }

        var problem = c.Error ?? c.Chain?.Problem;
        if (problem is not null || c.Chain is not { UnderlyingPrice: { } spx } chain) { await NotEnteredAsync(db, trade, $"no option chain: {problem ?? "no SPX price"}", ct); return; }
        var quotes = chain.Quotes.ToDictionary(q => (q.Right, q.Strike, q.Expiry));
        var shortExpiry = SpxwExpiries.Choose(trade.TradeDate, p.ShortDays, calendar);
        var shortChain = chain.Quotes.Where(q => q.Expiry == shortExpiry.Expiry && q.Delta is not null).Select(q => new ChainOption(q.Right, q.Strike, q.Delta!.Value));
        var open = await db.SpxCalendarTrades.CountAsync(t => t.StrategyId == trade.StrategyId && t.Id != trade.Id
            && (t.Status == SpxCalendarTradeStatus.Entering || t.Status == SpxCalendarTradeStatus.Open || t.Status == SpxCalendarTradeStatus.Closing || t.Status == SpxCalendarTradeStatus.Manual), ct);
        var decision = new CalendarEntryPlanner(calendar, time).Plan(trade.StrategyId, p, spx, open, shortChain,
            (right, strike, expiry) => quotes.TryGetValue((right, strike, expiry), out var q)
                ? new Strategies.Options.OptionQuote(right, strike, expiry, q.ImpliedVolatility ?? double.NaN, q.Mid, q.Delta ?? double.NaN, q.Bid, q.Ask)
                : null);
        if (decision.Plan is not { } plan) { await NotEnteredAsync(db, trade, decision.Blocked!, ct); return; }

        trade.Spx = spx;
        trade.ShortExpiry = plan.ShortExpiry.Expiry;
        trade.LongExpiry = plan.LongExpiry.Expiry;
        trade.PutStrike = plan.Strikes.PutStrike;
        trade.CallStrike = plan.Strikes.CallStrike;
        trade.PutDelta = plan.Strikes.PutDelta;
        trade.CallDelta = plan.Strikes.CallDelta;
        trade.Notes = Join(plan.ShortExpiry.Note, plan.LongExpiry.Note, plan.TimeExit.Note);
        trade.Legs = [.. plan.Legs.Select(l =>
        {
            var q = quotes[(l.Right, l.Strike, l.Expiry)];
            return new SpxCalendarLegRecord
            {
                Ticker = SpxwTicker.For(l), Action = l.Action, Right = l.Right, Expiry = l.Expiry, Strike = l.Strike, ConId = q.ConId,
                Delta = q.Delta, ImpliedVolatility = q.ImpliedVolatility, Mid = q.Mid,
            };
        })];
        trade.ComboMid = plan.ComboMid;
        trade.LadderPrices = [.. plan.LimitPrices];
        trade.Ladder = SpxLadderKind.Entry;
        trade.ExitDate = plan.TimeExit.Date;
        trade.ExitAtUtc = plan.TimeExit.AtUtc.UtcDateTime;
        var intentId = await PlaceLadderOrderAsync(db, trade, p, 0, ct);
        Log(EngineLogLevel.Info, $"SPX calendar '{strategy.Name}': SPX {spx}, {trade.PutStrike}P/{trade.CallStrike}C {trade.ShortExpiry:yyyy-MM-dd}/{trade.LongExpiry:yyyy-MM-dd}, "
            + $"BUY {trade.Quantity} at {plan.LimitPrices[0]} (mid {plan.ComboMid}; ladder {string.Join(", ", plan.LimitPrices)})");
        foreach (var waiting in TakeWaiting(trade.Id))
            waiting.Reply.TrySetResult(new SpxEntryOutcome(SpxEntryStatus.Accepted, trade.Id, [intentId]));
    }

    private async Task NotEnteredAsync(TradingDbContext db, SpxCalendarTradeEntity trade, string reason, CancellationToken ct)
    {
        trade.Status = SpxCalendarTradeStatus.NotEntered;
        trade.LastProblem = Cut(reason);
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} not entered: {reason}");
        await db.SaveChangesAsync(ct);
        Log(EngineLogLevel.Warning, $"SPX calendar {trade.Id}: not entered: {reason}");
        notifications.Publish(NotificationKind.OrderRejected, NotificationSeverity.Warning, "SPX calendar not entered", reason);
        foreach (var waiting in TakeWaiting(trade.Id)) waiting.Reply.TrySetResult(Blocked(trade.Id, reason));
    }

    // ---------------------------------------------------------------- helpers

    private async Task<(ScheduledStrategyEntity Strategy, SpxCalendarParameters Parameters)?> StrategyAsync(TradingDbContext db, long id, CancellationToken ct)
    {
        var s = await db.ScheduledStrategies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is not { Kind: StrategyKind.SpxDoubleCalendar }) return null;
        var p = StrategyParametersJson.Parse(s.Kind, s.ParametersJson, out _) as SpxCalendarParameters ?? new SpxCalendarParameters();
        return (s, p);
    }

    /// <summary>The broker's own chain when it has one; a paper account without one: the engine's model.</summary>
    private IOptionChainSource? ChainSource(long accountId) =>
        brokers.TryGet(accountId, out var broker) && broker is IOptionChainSource own ? own
        : brokers.TryPaper(accountId, out _) ? paperOptions : null;

    private static async Task<IReadOnlyList<long>> EntryIntentIdsAsync(TradingDbContext db, SpxCalendarTradeEntity trade, CancellationToken ct)
    {
        var prefix = trade.EntryKey + ":r";
        return await db.OrderIntents.AsNoTracking().Where(i => i.IdempotencyKey == trade.EntryKey || i.IdempotencyKey.StartsWith(prefix))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
    }

    private List<EnterSpxCalendar> TakeWaiting(long tradeId) => _waiting.Remove(tradeId, out var list) ? list : [];

    private static SpxEntryOutcome Blocked(long? tradeId, string reason) => new(SpxEntryStatus.Blocked, tradeId, [], reason);

    private static string Describe(SpxCalendarTradeStatus s) => s switch
    {
        SpxCalendarTradeStatus.Entering => "being entered",
        SpxCalendarTradeStatus.Manual => "filled (managed by hand)",
        _ => $"filled ({s.ToString().ToLowerInvariant()})",
    };

    /// <summary>Runs a broker call off the loop and posts its answer back (a paper broker answers on this very loop).</summary>
    private void OffLoop(Func<CancellationToken, Task<EngineCommand>> call) => _ = Task.Run(async () =>
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        inbox.Post(await call(timeout.Token));
    });

    private void After(TimeSpan wait, string id, EngineCommand command)
    {
        var timer = time.CreateTimer(_ =>
        {
            if (_timers.TryRemove(id, out var t)) t.Dispose();
            inbox.Post(command);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_timers.TryRemove(id, out var old)) old.Dispose();
        _timers[id] = timer;
        timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void Log(EngineLogLevel level, string message) => events.Publish(new LogEntry(time.GetUtcNow(), level, message));

    private void Audit(TradingDbContext db, string message) =>
        db.AuditLog.Add(new AuditLogEntry { At = time.GetUtcNow().UtcDateTime, Category = AuditCategory, Message = Cut(message, 2000) });

    private static string? Join(params string?[] notes) => notes.Where(n => n is not null).ToList() is { Count: > 0 } l ? Cut(string.Join("; ", l), 1000) : null;

    private static string Cut(string text, int max = 500) => text.Length <= max ? text : text[..max];
}
