using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Moves intents through <see cref="OrderIntentLifecycle"/> on the broker's answers and reports, and moves the
/// account's book by the new part of each cumulative fill, in one save, in the journal of the reports committed together;
/// what others are told waits for that commit. Engine loop only.
/// </summary>
internal sealed class IntentUpdater(
    BrokerRegistry brokers,
    InstrumentCatalog instruments,
    FrontMonths months,
    NotificationDispatcher notifications,
    EngineEventHub events,
    TimeProvider time)
{
    /// <returns>The intent the answer moved (null when none is known).</returns>
    public async Task<OrderIntentEntity?> OnSubmissionCompletedAsync(Journal journal, BrokerSubmissionCompleted command, CancellationToken ct)
    {
        var db = journal.Db;
        var intent = await ById.For(db)(db, command.IntentId, ct);
        if (intent is null) return null;
        var before = Progress.Of(intent);
        var now = time.GetUtcNow().UtcDateTime;
        switch (command.Response)
        {
            case { Result: PlaceOrderResult.Accepted } accepted:
                intent.Status = OrderIntentLifecycle.Next(intent.Status, OrderIntentEvent.Submitted);
                intent.BrokerOrderId ??= accepted.BrokerOrderId;
                intent.SubmittedAt ??= now;
                await MarkChildrenSubmittedAsync(db, intent, now, ct);
                break;
            case { } rejected:
                Reject(journal.AfterCommit, intent, rejected.Reason ?? "rejected by the broker", now);
                break;
            default:
                // Unknown, not failed: never resubmitted; the next reconciliation matches it by reference.
                intent.Reason = $"submission outcome unknown ({command.Error}); left for reconciliation";
                break;
        }
        // The venue's own report of the working order often came first: then the answer tells nothing new.
        if (Progress.Of(intent) == before) return intent;
        intent.UpdatedAt = now;
        await journal.Rows.UpdateAsync(intent, ct);
        Published(journal, intent);
        return intent;
    }

    /// <summary>What a broker's answer or report can move on an intent; the same before and after, there is nothing to write.</summary>
    private readonly record struct Progress(OrderIntentStatus Status, string? BrokerOrderId, decimal FilledQuantity, string? Reason, DateTime? SubmittedAt)
    {
        public static Progress Of(OrderIntentEntity i) => new(i.Status, i.BrokerOrderId, i.FilledQuantity, i.Reason, i.SubmittedAt);
    }

    /// <returns>The intent the report moved (null when none is known).</returns>
    public async Task<OrderIntentEntity?> OnOrderUpdatedAsync(Journal journal, OrderStatusReported report, CancellationToken ct)
    {
        var db = journal.Db;
        var intent = await FindAsync(db, report.AccountId, report.ClientOrderRef, ct);
        if (intent is null)
        {
            journal.AfterCommit(() => events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Warning,
                $"Account {report.AccountId}: broker reported order '{report.ClientOrderRef}' that no intent knows")));
            return null;
        }
        var before = intent.Status;
        // A status it had already (the answer to the submission came first): nothing to write.
        if (!await ApplyAsync(db, intent, report, journal.AfterCommit, ct)) return intent;
        await journal.Rows.UpdateAsync(intent, ct);   // the account's book row, if the fill moved it, is saved with the report
        Published(journal, intent);
        if (before != OrderIntentStatus.Filled && intent.Status == OrderIntentStatus.Filled) await LogFillAsync(journal, intent, ct);
        return intent;
    }

    // Every order's fill is a line in the live log (manual, scheduled, copied, closing), with the account's name.
    private async Task LogFillAsync(Journal journal, OrderIntentEntity intent, CancellationToken ct)
    {
        var account = brokers.AccountName(intent.AccountId)
            ?? await journal.Db.Accounts.AsNoTracking().Where(a => a.Id == intent.AccountId).Select(a => a.Name).FirstOrDefaultAsync(ct)
            ?? $"account {intent.AccountId}";
        var line = new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
            $"{account}: {intent.Source} {intent.Action.ToString().ToLowerInvariant()} {intent.FilledQuantity:0.####} {intent.Ticker} filled at {intent.AvgFillPrice:0.########} (order {intent.Id})",
            intent.RecorderId);
        journal.AfterCommit(() => events.Publish(line));
    }

    public async Task OnExecutionAsync(Journal journal, BrokerExecutionReceived command, CancellationToken ct)
    {
        // Tracked: a combo's legs are a JSON column, which only EF writes.
        var intent = await journal.Db.OrderIntents.FirstOrDefaultAsync(
            i => i.IdempotencyKey == command.Execution.ClientOrderRef && i.AccountId == command.AccountId, ct);
        if (intent is not { Legs.Count: > 0 }) return;
        await ApplyLegExecutionAsync(journal.Db, intent, command.Execution, ct);
        await journal.Db.SaveChangesAsync(ct);
    }

    private static Task<OrderIntentEntity?> FindAsync(TradingDbContext db, long accountId, string key, CancellationToken ct) =>
        ByKey.For(db)(db, key, accountId, ct);

    // Every broker report reads its intent, a fill the account's position (CompiledPerModel says why compiled). The
    // intent is read untracked and written whole by the journal's row writer (RowWriter says why); its legs, a JSON
    // column, are not written that way and a status report does not change them.
    private static readonly CompiledPerModel<Func<TradingDbContext, string, long, CancellationToken, Task<OrderIntentEntity?>>> ByKey = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, string key, long accountId, CancellationToken ct) =>
            db.OrderIntents.AsNoTracking().FirstOrDefault(i => i.IdempotencyKey == key && i.AccountId == accountId)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, CancellationToken, Task<OrderIntentEntity?>>> ById = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long id, CancellationToken ct) => db.OrderIntents.AsNoTracking().FirstOrDefault(i => i.Id == id)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, string, CancellationToken, Task<AccountPositionEntity?>>> Position = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, string symbol, CancellationToken ct) =>
            db.AccountPositions.FirstOrDefault(p => p.AccountId == accountId && p.Symbol == symbol)));

    /// <summary>Books one combo-leg execution unless it is booked already; the caller saves.</summary>
    public async Task ApplyLegExecutionAsync(TradingDbContext db, OrderIntentEntity intent, BrokerExecution execution, CancellationToken ct)
    {
        var leg = intent.Legs.FirstOrDefault(l => l.Symbol == execution.Symbol);
        if (leg is null || leg.ExecutionIds.Contains(execution.ExecutionId)) return;
        leg.ExecutionIds.Add(execution.ExecutionId);
        leg.FilledQuantity += execution.Quantity;
        var signed = execution.Action == OrderAction.Buy ? execution.Quantity : -execution.Quantity;
        intent.RealizedPnl += await BookAsync(db, intent.AccountId, execution.Symbol, signed, execution.Price, null, time.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Applies one report to a tracked intent (reconciliation); the caller saves.</summary>
    public Task ApplyAsync(TradingDbContext db, OrderIntentEntity intent, OrderStatusReported report, CancellationToken ct) =>
        ApplyAsync(db, intent, report, now => now(), ct);

    /// <param name="afterSave">Where what others are told (a rejection's log line and notification) waits for the commit.</param>
    /// <returns>True when the report moved the intent (<see cref="Progress"/>).</returns>
    private async Task<bool> ApplyAsync(TradingDbContext db, OrderIntentEntity intent, OrderStatusReported report, Action<Action> afterSave, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var progress = Progress.Of(intent);
        await ApplyFillAsync(db, intent, report.FilledQuantity, report.AvgFillPrice, now, ct);
        var e = report.Status switch
        {
            BrokerOrderStatus.Working => OrderIntentEvent.Submitted,
            BrokerOrderStatus.PartiallyFilled => OrderIntentEvent.PartiallyFilled,
            BrokerOrderStatus.Filled => OrderIntentEvent.Filled,
            BrokerOrderStatus.Cancelled => OrderIntentEvent.Cancelled,
            _ => OrderIntentEvent.Rejected,
        };
        if (e == OrderIntentEvent.Rejected)
        {
            Reject(afterSave, intent, report.Reason ?? "rejected by the broker", now);
            return Progress.Of(intent) != progress;
        }
        var before = intent.Status;
        intent.Status = OrderIntentLifecycle.Next(intent.Status, e);
        intent.BrokerOrderId ??= report.BrokerOrderId;
        if (e == OrderIntentEvent.Submitted) intent.SubmittedAt ??= now;
        if (report.Reason is not null) intent.Reason = report.Reason;
        if (before.IsOpen() && !intent.Status.IsOpen()) intent.CompletedAt = now;
        if (Progress.Of(intent) == progress) return false;
        intent.UpdatedAt = now;
        return true;
    }

    private async Task ApplyFillAsync(TradingDbContext db, OrderIntentEntity intent, decimal cumulative, decimal? avg, DateTime now, CancellationToken ct)
    {
        var delta = cumulative - intent.FilledQuantity;
        if (delta <= 0 || avg is not { } average) return;
        // The new part's price, from the cumulative average before and after.
        var price = (average * cumulative - (intent.AvgFillPrice ?? 0) * intent.FilledQuantity) / delta;
        // A combo's net price means nothing to one symbol's book: its legs are booked from executions.
        if (intent.Legs.Count == 0)
            intent.RealizedPnl += await BookAsync(db, intent.AccountId, intent.Ticker, intent.Signed(delta), price, intent.ContractMonth, now, ct);
        intent.FilledQuantity = cumulative;
        intent.AvgFillPrice = average;
        intent.FirstFillAt ??= now;
        intent.LastFillAt = now;
    }

    /// <summary>Moves the account's book by one fill; returns the P&amp;L it realized.</summary>
    /// <param name="month">The month the order traded (null: the front month now); what grows the position sets the month it is held in.</param>
    private async Task<decimal> BookAsync(TradingDbContext db, long accountId, string symbol, decimal signed, decimal price, string? month, DateTime now,
        CancellationToken ct)
    {
        var book = db.AccountPositions.Local.FirstOrDefault(p => p.AccountId == accountId && p.Symbol == symbol)
            ?? await Position.For(db)(db, accountId, symbol, ct);
        if (book is null) db.AccountPositions.Add(book = new AccountPositionEntity { AccountId = accountId, Symbol = symbol });
        var (after, realized) = new SignedPosition(book.Quantity, book.AvgPrice).Apply(signed, price, instruments.SpecFor(symbol));
        if (book.Quantity == 0 && after.Quantity != 0) book.OpenedAt = now;
        if (book.Quantity != 0 && (after.Quantity == 0 || Math.Sign(after.Quantity) != Math.Sign(book.Quantity))) book.LastClosedAt = now;
        if (after.Quantity == 0) book.ContractMonth = null;
        else if (Math.Abs(after.Quantity) > Math.Abs(book.Quantity) || Math.Sign(after.Quantity) != Math.Sign(book.Quantity))
            book.ContractMonth = month ?? months.Now(symbol) ?? book.ContractMonth;
        book.Quantity = after.Quantity;
        book.AvgPrice = after.AvgPrice;
        book.RealizedPnl += realized;
        book.UpdatedAt = now;
        return realized;
    }

    private static async Task MarkChildrenSubmittedAsync(TradingDbContext db, OrderIntentEntity parent, DateTime now, CancellationToken ct)
    {
        if (parent.TakeProfitPrice is null && parent.StopLossPrice is null) return;   // children exist only for these levels
        // Two equalities, not Contains over an array: both are seeks on the key's index.
        var (tp, sl) = (IntentWriter.BracketKey(parent.IdempotencyKey, "tp"), IntentWriter.BracketKey(parent.IdempotencyKey, "sl"));
        foreach (var child in await db.OrderIntents.Where(i => (i.IdempotencyKey == tp || i.IdempotencyKey == sl) && i.Status == OrderIntentStatus.Pending).ToListAsync(ct))
        {
            child.Status = OrderIntentLifecycle.Next(child.Status, OrderIntentEvent.Submitted);
            child.SubmittedAt = child.UpdatedAt = now;
        }
    }

    private void Reject(Action<Action> afterSave, OrderIntentEntity intent, string reason, DateTime now)
    {
        var wasOpen = intent.Status.IsOpen();
        intent.Status = OrderIntentLifecycle.Next(intent.Status, OrderIntentEvent.Rejected);
        intent.Reason = reason;
        intent.CompletedAt ??= now;
        if (!wasOpen) return;
        var message = $"Order {intent.Action.ToString().ToLowerInvariant()} {intent.Quantity:0.####} {intent.Ticker} for account {intent.AccountId} rejected: {reason}";
        afterSave(() =>
        {
            events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Warning, message, intent.RecorderId));
            notifications.Publish(NotificationKind.OrderRejected, NotificationSeverity.Warning, "Order rejected", message);
        });
    }

    private void Published(Journal journal, OrderIntentEntity intent)
    {
        var snapshot = intent.ToSnapshot();   // as this report left it: a later report of the same commit moves the entity on
        journal.AfterCommit(() => events.Publish(new OrderIntentChanged(time.GetUtcNow(), snapshot)));
    }
}
