using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// At start, before the loop reads commands (and later on request): every intent left Pending, Submitted or PartiallyFilled is matched
/// with the broker's open orders and executions by client reference, and takes the broker's word. Nothing is
/// resubmitted: an intent the broker never saw is cancelled and reported, because a late entry is worse than none.
/// Finally the engine's book of each account is compared with the broker's positions and differences are reported.
/// </summary>
internal sealed class Reconciler(
    IDbContextFactory<TradingDbContext> dbFactory,
    BrokerRegistry brokers,
    IntentUpdater updater,
    OrderSubmitter submitter,
    Microsoft.Extensions.Options.IOptions<ExecutionOptions> options,
    NotificationDispatcher notifications,
    EngineEventHub events,
    Instruments.InstrumentCatalog instruments,
    TimeProvider time)
{
    /// <param name="minimumAge">Only intents created at least this long ago; null at start, when nothing can be in flight.</param>
    public async Task<ReconcileOutcome> ReconcileAsync(TimeSpan? minimumAge, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = minimumAge is { } age ? time.GetUtcNow().UtcDateTime - age : DateTime.MaxValue;
        var open = await db.OrderIntents.Where(i => (i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted
            || i.Status == OrderIntentStatus.PartiallyFilled) && i.CreatedAt <= cutoff).ToListAsync(ct);
        var changed = 0;
        foreach (var group in open.GroupBy(i => i.AccountId))
        {
            if (!brokers.TryGet(group.Key, out var broker))
            {
                Report($"Account {group.Key} is disabled or unknown; {group.Count()} open intent(s) left as they are until it is enabled");
                continue;
            }
            Dictionary<string, BrokerOrder> orders;
            ILookup<string, BrokerExecution> executions;
            try
            {
                orders = (await broker.GetOpenOrdersAsync(ct)).ToDictionary(o => o.ClientOrderRef);
                executions = (await broker.GetExecutionsAsync(group.Min(i => i.CreatedAt).AddDays(-1), ct)).ToLookup(e => e.ClientOrderRef);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One unreachable broker must not keep the engine (and the other accounts) from starting.
                Report($"Account {group.Key}: broker unreachable for reconciliation ({ex.Message}); {group.Count()} intent(s) left open");
                continue;
            }
            foreach (var intent in group)
            {
                var before = $"{intent.Status} filled {intent.FilledQuantity:0.####}";
                if (ShouldSendNow(intent, orders, executions))
                {
                    // Committed but never handed to the broker (the process died in between): the broker has nothing
                    // under its reference, so sending it now is its first and only placement.
                    submitter.Submit(intent);
                    changed++;
                    Report($"Intent {intent.Id} ({intent.IdempotencyKey}) had not reached account {intent.AccountId} before the restart; sent now", intent, db);
                    continue;
                }
                foreach (var execution in intent.Legs.Count > 0 ? executions[intent.IdempotencyKey] : [])
                    await updater.ApplyLegExecutionAsync(db, intent, execution, ct);
                await updater.ApplyAsync(db, intent, BrokerView(intent, orders.GetValueOrDefault(intent.IdempotencyKey), executions[intent.IdempotencyKey]), ct);
                await db.SaveChangesAsync(ct);
                var after = $"{intent.Status} filled {intent.FilledQuantity:0.####}";
                if (before == after) continue;
                changed++;
                Report($"Intent {intent.Id} ({intent.IdempotencyKey}) reconciled with account {intent.AccountId}: {before} -> {after}", intent, db);
            }
        }
        await db.SaveChangesAsync(ct);
        await CompareBooksAsync(db, ct);
        await db.SaveChangesAsync(ct);   // position differences are audited too: the UI lists them from there
        return new ReconcileOutcome(open.Count, changed);
    }

    /// <summary>
    /// A pending intent the broker has never seen goes out now when it reduces exposure (exits are never dropped) or
    /// when it is younger than the entry delay; an older entry is cancelled and reported (a late entry is worse than none).
    /// Bracket children travel with their parent; combos are left to the cancel-and-report path; held exits wait for their release.
    /// </summary>
    private bool ShouldSendNow(OrderIntentEntity intent, Dictionary<string, BrokerOrder> orders, ILookup<string, BrokerExecution> executions) =>
        intent.Status == OrderIntentStatus.Pending && intent.Source != "bracket" && intent.Legs.Count == 0
        // An exit held for the account's resting protective orders goes only once they ended (the protection keeper releases it).
        && intent.Reason != Protection.ProtectionKeeper.HeldReason
        && !orders.ContainsKey(intent.IdempotencyKey) && !executions[intent.IdempotencyKey].Any()
        && (!intent.IsEntry || time.GetUtcNow().UtcDateTime - intent.CreatedAt < options.Value.MaxEntryDelay);

    /// <summary>What the broker says about one reference, as a status report the normal update path understands.</summary>
    private OrderStatusReported BrokerView(OrderIntentEntity intent, BrokerOrder? order, IEnumerable<BrokerExecution> executions)
    {
        // A combo's executions are its legs': the order counts as filled when every leg is.
        List<BrokerExecution> own = intent.Legs.Count == 0 ? [.. executions.Where(e => e.Symbol == intent.Ticker)]
            : intent.Legs.All(l => l.FilledQuantity >= intent.Quantity * l.Ratio) ? [.. executions.Take(1).Select(e => e with { Quantity = intent.Quantity })]
            : [];
        var filled = own.Sum(e => e.Quantity);
        decimal? avg = filled > 0 ? own.Sum(e => e.Price * e.Quantity) / filled : null;
        if (order is not null && order.FilledQuantity >= filled) (filled, avg) = (order.FilledQuantity, order.AvgFillPrice ?? avg);
        var now = time.GetUtcNow();
        if (order is not null)
            return new(intent.AccountId, now, intent.IdempotencyKey, order.BrokerOrderId, order.Status, filled, avg);
        if (filled >= intent.Quantity)
            return new(intent.AccountId, now, intent.IdempotencyKey, own[0].BrokerOrderId, BrokerOrderStatus.Filled, filled, avg);
        var reason = filled > 0 ? "the order ended at the broker partially filled"
            : intent.Status == OrderIntentStatus.Pending ? "never reached the broker before the restart; not resubmitted"
            : "the broker has no open order or execution with this reference";
        return new(intent.AccountId, now, intent.IdempotencyKey, intent.BrokerOrderId, BrokerOrderStatus.Cancelled, filled, avg, reason);
    }

    private async Task CompareBooksAsync(TradingDbContext db, CancellationToken ct)
    {
        foreach (var account in await db.Accounts.AsNoTracking().Where(a => a.Enabled).ToListAsync(ct))
        {
            if (!brokers.TryGet(account.Id, out var broker)) continue;
            IReadOnlyList<BrokerPosition> positions;
            try { positions = await broker.GetPositionsAsync(ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { Report($"Account '{account.Name}': positions unavailable ({ex.Message})", db: db); continue; }
            var book = await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == account.Id).ToListAsync(ct);
            positions = [.. positions.Select(p => p with { Symbol = BookSymbol(p.Symbol, book) })];
            var symbols = positions.Select(p => p.Symbol).Union(book.Select(b => b.Symbol), StringComparer.OrdinalIgnoreCase);
            foreach (var symbol in symbols)
            {
                var theirs = positions.FirstOrDefault(p => string.Equals(p.Symbol, symbol, StringComparison.OrdinalIgnoreCase))?.Quantity ?? 0;
                var ours = book.FirstOrDefault(b => string.Equals(b.Symbol, symbol, StringComparison.OrdinalIgnoreCase))?.Quantity ?? 0;
                if (theirs != ours)
                    Report($"Account '{account.Name}' {symbol}: the broker holds {theirs:0.####}, the engine's book {ours:0.####}; check orders placed outside BlazorTrader", db: db);
            }
        }
    }

    /// <summary>
    /// After the roll a broker names a position kept in its old month by the dated contract (IB: MNQZ2026); the book keeps it
    /// under the continuous ticker with that month. Same contract, same row.
    /// </summary>
    private string BookSymbol(string brokerSymbol, List<AccountPositionEntity> book)
    {
        if (!instruments.TryParse(brokerSymbol, out var t, out _) || t is not { MonthCode: { } code, Year: { } year, ContinuousIndex: null }) return brokerSymbol;
        var month = $"{year:D4}{Instruments.ContractMonth.MonthCodes.IndexOf(code) + 1:D2}";
        return book.FirstOrDefault(b => b.ContractMonth == month && instruments.TryParse(b.Symbol, out var held, out _) && held.Root == t.Root
            && held.ContinuousIndex is not null)?.Symbol ?? brokerSymbol;
    }

    private void Report(string message, OrderIntentEntity? intent = null, TradingDbContext? db = null)
    {
        var now = time.GetUtcNow();
        db?.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = "reconciliation", RecorderId = intent?.RecorderId, Message = message });
        events.Publish(new LogEntry(now, EngineLogLevel.Warning, message, intent?.RecorderId));
        notifications.Publish(NotificationKind.ReconciliationDifference, NotificationSeverity.Warning, "Reconciliation", message);
    }
}
