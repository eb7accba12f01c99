using System.Text.Json;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.MarketData.Bars;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>
/// The gap-and-go day trader on the engine loop: the scan (pure <see cref="GapAndGoScanner"/> over the engine's bars and
/// book, then one persisted intent per entry), the halt switch, and the bracket after each entry's fill
/// (<see cref="GapAndGoBrackets"/>). The end of day is <see cref="GapAndGoLiquidation"/>.
/// </summary>
internal sealed class GapAndGoHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    SessionBars bars,
    PriceCache prices,
    InstrumentCatalog instruments,
    BrokerRegistry brokers,
    IntentWriter writer,
    OrderSubmitter submitter,
    RiskGate risk,
    GapAndGoBrackets brackets,
    GapAndGoLiquidation liquidation,
    GapAndGoMarketData marketData,
    TradingCalendar calendar,
    EngineEventHub events,
    TimeProvider time)
{
    static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly GapAndGoScanner _scanner = new(calendar, time);

    public Task HandleAsync(IGapAndGoCommand command, CancellationToken ct) => command switch
    {
        RunGapAndGoScan c => c.AnswerAsync(() => ScanAsync(c, ct)),
        GetGapAndGoScan c => c.AnswerAsync(() => LatestAsync(c, ct)),
        LiquidateGapAndGo c => c.AnswerAsync(() => liquidation.RunAsync(c, ct)),
        SetGapAndGoHalt c => c.AnswerAsync(() => HaltAsync(c, ct)),
        GetGapAndGoDay c => c.AnswerAsync(() => DayAsync(c, ct)),
        _ => throw new InvalidOperationException($"No gap-and-go handler for {command.GetType().Name}"),
    };

    /// <summary>After a broker report was applied: an entry's fill gets its bracket.</summary>
    public Task OnOrderUpdatedAsync(OrderStatusReported report, CancellationToken ct) => brackets.OnOrderUpdatedAsync(report, ct);

    async Task<GapAndGoScanOutcome> ScanAsync(RunGapAndGoScan command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (strategy, status) = await GapAndGoStrategy.LoadAsync(db, command.StrategyId, bars.TradeDate(now), ct);
        if (strategy is null) return new GapAndGoScanOutcome(status, Reason: Why(status, command.StrategyId));
        var p = strategy.Parameters;
        var day = await strategy.DayAsync(db, now.UtcDateTime, ct);
        if (day.Budget <= 0) day.Budget = GapAndGoSizing.Budget(await NetLiquidationAsync(strategy.AccountId, ct), p);

        // An entry filled while its bracket could not be placed (a crash between the two, a rejection) is protected now.
        await brackets.PlaceMissingAsync(strategy, ct);

        var (universe, note) = await marketData.UniverseAsync(strategy, ct);
        if (universe.Any(s => !bars.IsWatching(s))) await bars.RefreshAsync(ct);
        // Where the broker has history (IB), its bars and previous close are the scan's; else the engine's from the feed.
        var history = await marketData.HistoryAsync(strategy, universe, ct);
        var snapshots = universe.Select(symbol =>
        {
            var (today, previousClose) = bars.Of(symbol, p.BarSeconds, strategy.TradeDate);
            if (history.TryGetValue(symbol, out var broker))
                (today, previousClose) = (broker.Today.Count > 0 ? broker.Today : today, broker.PreviousClose ?? previousClose);
            decimal? last = prices.TryGet(symbol, out var quote) && bars.TradeDate(quote.At) == strategy.TradeDate ? quote.Price : null;
            var spec = instruments.SpecFor(symbol);
            return new SymbolSnapshot(symbol, today, last, previousClose, spec.TickSizeAt(last ?? (today.Count > 0 ? today[^1].Close : 1m)));
        }).ToList();
        var book = await GapAndGoBookReader.ReadAsync(db, strategy, calendar, ct);
        var result = _scanner.Scan(strategy.Id, p, day.Budget, snapshots, book);

        var noEntries = NoEntriesReason(strategy, day, now);
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in result.Entries)
            outcomes[entry.IdempotencyKey] = noEntries is null ? await EnterAsync(db, strategy, entry, snapshots, ct) : noEntries;

        var reply = ScanReply.From(result, e => outcomes[e.IdempotencyKey], note);
        day.LastScanAt = now.UtcDateTime;
        day.LastScanJson = JsonSerializer.Serialize(reply, Json);
        day.UpdatedAt = now.UtcDateTime;
        await db.SaveChangesAsync(ct);
        var entered = reply.Items.Count(i => i.Action == "entered");
        events.Publish(new LogEntry(now, EngineLogLevel.Info,
            $"Gap-and-go '{strategy.Row.Name}' scan ({command.Trigger}): {reply.Items.Count} symbol(s), {entered} entered{(noEntries is null ? "" : $", no entries: {noEntries}")}"));
        return new GapAndGoScanOutcome(GapAndGoStatus.Ok, reply);
    }

    /// <summary>Why this scan may not buy: halted for the day, liquidated, or past liquidateAt; null when it may.</summary>
    string? NoEntriesReason(GapAndGoStrategy strategy, GapAndGoDayEntity day, DateTimeOffset now)
    {
        if (day.Halted) return "halted";
        if (!calendar.IsTradingDay(calendar.ExchangeDate(now), Market.Nyse)) return "market closed";
        if (now >= calendar.ToUtc(strategy.TradeDate, GapAndGoSession.LiquidationTime(calendar, strategy.TradeDate, strategy.Parameters))) return "after liquidateAt";
        return null;
    }

    async Task<string> EnterAsync(TradingDbContext db, GapAndGoStrategy strategy, GapAndGoEntry entry, IReadOnlyList<SymbolSnapshot> snapshots, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == strategy.AccountId, ct);
        if (account is not { Enabled: true }) return "blocked";
        if (await writer.FindAsync(entry.IdempotencyKey, ct) is not null) return "duplicate";
        if (await risk.DenyAccountEntryAsync(db, account, entry.Symbol, entry.Shares, null, ct) is not null) return "blocked";
        var price = snapshots.First(s => s.Symbol == entry.Symbol).Price;
        var written = await writer.InsertAsync(new OrderIntentEntity
        {
            IdempotencyKey = entry.IdempotencyKey, AccountId = account.Id, Source = GapAndGoStrategy.EntrySource, Ticker = entry.Symbol,
            Action = OrderAction.Buy, Quantity = entry.Shares,
            Type = entry.OrderKind == EntryOrderKind.Market ? OrderType.Market : OrderType.Limit, LimitPrice = entry.LimitPrice,
            ReferencePrice = price, IsEntry = true,
        }, ct);
        if (written.Duplicate) return "duplicate";
        // A premarket limit must be allowed outside regular hours; a regular-session market order is a DAY order.
        submitter.Submit(written.Intent, written.Intent.ToRequest(null) with { OutsideRth = entry.OrderKind == EntryOrderKind.MarketableLimit });
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
            $"Gap-and-go '{strategy.Row.Name}': buy {entry.Shares} {entry.Symbol} ({entry.OrderKind}{(entry.LimitPrice is { } l ? $" {l}" : "")}), key {entry.IdempotencyKey}"));
        return "entered";
    }

    async Task<GapAndGoScanOutcome> LatestAsync(GetGapAndGoScan command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (strategy, status) = await GapAndGoStrategy.LoadAsync(db, command.StrategyId, bars.TradeDate(time.GetUtcNow()), ct);
        if (strategy is null) return new GapAndGoScanOutcome(status, Reason: Why(status, command.StrategyId));
        var latest = await db.GapAndGoDays.AsNoTracking().Where(d => d.StrategyId == strategy.Id && d.LastScanJson != null)
            .OrderByDescending(d => d.TradeDate).Select(d => d.LastScanJson).FirstOrDefaultAsync(ct);
        return new GapAndGoScanOutcome(GapAndGoStatus.Ok, latest is null ? null : JsonSerializer.Deserialize<ScanReply>(latest, Json));
    }

    async Task<GapAndGoDayView> DayAsync(GetGapAndGoDay command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tradeDate = bars.TradeDate(time.GetUtcNow());
        var (strategy, status) = await GapAndGoStrategy.LoadAsync(db, command.StrategyId, tradeDate, ct);
        if (strategy is null) return new GapAndGoDayView(status, tradeDate, false, null, 0, null, [], [], 0, Why(status, command.StrategyId));
        var day = await db.GapAndGoDays.AsNoTracking().FirstOrDefaultAsync(d => d.StrategyId == strategy.Id && d.TradeDate == tradeDate, ct);
        var scan = day?.LastScanJson is { } json ? JsonSerializer.Deserialize<ScanReply>(json, Json) : null;
        return await GapAndGoDayReader.ReadAsync(db, strategy, day, scan, prices, ct);
    }

    async Task<GapAndGoHaltState> HaltAsync(SetGapAndGoHalt command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (strategy, status) = await GapAndGoStrategy.LoadAsync(db, command.StrategyId, bars.TradeDate(now), ct);
        if (strategy is null) return new GapAndGoHaltState(status, false, bars.TradeDate(now), Why(status, command.StrategyId));
        var day = await strategy.DayAsync(db, now.UtcDateTime, ct);
        day.Halted = command.Halted;
        day.HaltReason = command.Halted ? command.Reason ?? "halted by hand" : null;
        day.UpdatedAt = now.UtcDateTime;
        var message = $"Gap-and-go '{strategy.Row.Name}' {(command.Halted ? $"halted for {strategy.TradeDate:yyyy-MM-dd} ({day.HaltReason})" : "resumed")}";
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = GapAndGoLiquidation.AuditCategory, Message = message });
        await db.SaveChangesAsync(ct);
        events.Publish(new LogEntry(now, EngineLogLevel.Info, message));
        return new GapAndGoHaltState(GapAndGoStatus.Ok, day.Halted, strategy.TradeDate, day.HaltReason);
    }

    public static string ScannerOwner(long strategyId) => $"gap:{strategyId}";

    async Task<decimal> NetLiquidationAsync(long accountId, CancellationToken ct)
    {
        if (!brokers.TryGet(accountId, out var broker)) return 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(BrokerTimeout);
        try { return (await broker.GetAccountSummaryAsync(timeout.Token)).NetLiquidation; }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Warning, $"Account {accountId}: no net liquidation for the gap-and-go budget ({ex.Message})"));
            return 0;
        }
    }

    internal static string Why(GapAndGoStatus status, long id) =>
        status == GapAndGoStatus.NotFound ? $"there is no strategy {id}" : $"strategy {id} is not of kind gapAndGo";
}
