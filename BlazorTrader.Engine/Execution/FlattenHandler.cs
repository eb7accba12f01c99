using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using OrderType = BlazorTrader.Engine.Commands.OrderType;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Closing one position (a recorder's, on the book through <see cref="PositionCloser"/>; or an account's, by a closing
/// order), cancelling one working order, and flattening everything. Flatten cancels every open order first, then closes
/// every account's booked position and every recorder position; the command's reason is the closed trades' exit reason.
/// </summary>
internal sealed class FlattenHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    Book.TradingBook book,
    PositionCloser closer,
    IntentWriter writer,
    OrderSubmitter submitter,
    InstrumentCatalog instruments,
    EngineEventHub events,
    TimeProvider time)
{
    public const string ManualClose = "manual close";

    public Task<ClosePositionOutcome> CloseAsync(ClosePosition command, CancellationToken ct) =>
        closer.CloseAsync(command.PositionId, $"close:{command.RequestId}", ManualClose, copyToAccounts: true, ct);

    public async Task<ClosePositionOutcome> CloseAccountAsync(CloseAccountPosition command, CancellationToken ct)
    {
        var key = $"close:{command.RequestId}:acct:{command.AccountId}:{command.Symbol}";
        if (await writer.FindAsync(key, ct) is { } done) return new ClosePositionOutcome(ClosePositionStatus.Duplicate, IntentIds: [done.Id]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Accounts.AsNoTracking().AnyAsync(a => a.Id == command.AccountId, ct))
            return new ClosePositionOutcome(ClosePositionStatus.NotFound, Reason: $"there is no account {command.AccountId}");
        var position = await db.AccountPositions.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == command.AccountId && p.Symbol == command.Symbol, ct);
        if (position is not { Quantity: not 0 })
            return new ClosePositionOutcome(ClosePositionStatus.AlreadyClosed, Reason: $"the account holds no {command.Symbol}");
        var open = await OpenIntentsAsync(db, i => i.AccountId == command.AccountId && i.Ticker == command.Symbol, ct);
        var cancels = CancelAll(open);
        var intent = await CloseAccountPositionAsync(position, key, ManualClose, cancels, ct);
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
            $"{ManualClose}: {intent.Action.ToString().ToLowerInvariant()} {intent.Quantity:0.####} {intent.Ticker} for account {position.AccountId}{(open.Count > 0 ? $" after cancelling {open.Count} order(s)" : "")}"));
        return new ClosePositionOutcome(ClosePositionStatus.Accepted, IntentIds: [intent.Id]);
    }

    public async Task<CancelOrderOutcome> CancelAsync(CancelOrder command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var intent = await db.OrderIntents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.IntentId, ct);
        if (intent is null) return new CancelOrderOutcome(CancelOrderStatus.NotFound, $"there is no order {command.IntentId}");
        if (!intent.Status.IsOpen()) return new CancelOrderOutcome(CancelOrderStatus.NotOpen, $"the order is {intent.Status.ToString().ToLowerInvariant()} already");
        // Not awaited: a paper broker answers cancels on this very loop. The broker's report moves the intent.
        _ = submitter.CancelAsync(intent.AccountId, intent.IdempotencyKey);
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
            $"Cancel sent: {intent.Action.ToString().ToLowerInvariant()} {intent.Quantity:0.####} {intent.Ticker} {intent.Type.ToString().ToLowerInvariant()} (order {intent.Id}, account {intent.AccountId})",
            intent.RecorderId));
        return new CancelOrderOutcome(CancelOrderStatus.Sent);
    }

    public async Task<FlattenOutcome> FlattenAsync(FlattenAll command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = $"flatten:{command.IdempotencyKey}";
        if (await db.AuditLog.AnyAsync(a => a.Category == "flatten" && a.Message.StartsWith(key + " "), ct))
            return new FlattenOutcome(true, 0, 0, []);
        var now = time.GetUtcNow();

        // 1. Every open order, every account: cancels go first and closing orders wait for them.
        bool Selected(string symbol) => command.Kind is not { } kind || instruments.SpecFor(symbol).Kind == kind;
        var open = (await OpenIntentsAsync(db, _ => true, ct)).Where(i => Selected(i.Ticker)).ToList();
        var cancels = CancelAll(open);

        // 2. Each account's booked position, closed at market.
        var ids = new List<long>();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.Enabled).Select(a => a.Id).ToListAsync(ct);
        foreach (var position in await db.AccountPositions.AsNoTracking().Where(p => accounts.Contains(p.AccountId) && p.Quantity != 0).ToListAsync(ct))
        {
            if (!Selected(position.Symbol)) continue;
            ids.Add((await CloseAccountPositionAsync(position, $"{key}:acct:{position.AccountId}:{position.Symbol}", "flatten", cancels, ct)).Id);
        }

        // 3. Recorder (virtual) positions on the book; their accounts were flattened directly above.
        var closed = 0;
        foreach (var id in book.OpenPositions.Where(p => Selected(p.Ticker)).Select(p => p.Id).ToList())
        {
            var outcome = await closer.CloseAsync(id, key, command.Reason, copyToAccounts: false, ct);
            if (outcome.Status == ClosePositionStatus.Accepted) closed++;
        }
        // The "done" mark goes last: a flatten that failed half-way is run again by a retry (every step above is keyed).
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = "flatten", Message = $"{key} {command.Reason}" });
        await db.SaveChangesAsync(ct);
        events.Publish(new LogEntry(now, EngineLogLevel.Warning, $"Flatten ({command.Reason}): {open.Count} order(s) cancelled, {ids.Count} account position(s) and {closed} recorder position(s) closed"));
        return new FlattenOutcome(false, open.Count, closed, ids);
    }

    private static async Task<List<OrderIntentEntity>> OpenIntentsAsync(TradingDbContext db, System.Linq.Expressions.Expression<Func<OrderIntentEntity, bool>> filter,
        CancellationToken ct) =>
        await db.OrderIntents.AsNoTracking().Where(i => i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted
            || i.Status == OrderIntentStatus.PartiallyFilled).Where(filter).ToListAsync(ct);

    private Task CancelAll(IEnumerable<OrderIntentEntity> open) => Task.WhenAll(open.Select(i => submitter.CancelAsync(i.AccountId, i.IdempotencyKey)));

    /// <summary>A market order to flat, sent once <paramref name="after"/> (the cancels) finished; a repeat of the key is the first intent.</summary>
    private async Task<OrderIntentEntity> CloseAccountPositionAsync(AccountPositionEntity position, string key, string source, Task after, CancellationToken ct)
    {
        var written = await writer.InsertAsync(new OrderIntentEntity
        {
            IdempotencyKey = key, AccountId = position.AccountId, Source = source,
            Ticker = position.Symbol, Action = position.Quantity > 0 ? OrderAction.Sell : OrderAction.Buy, Quantity = Math.Abs(position.Quantity),
            Type = OrderType.Market, ReferencePrice = position.AvgPrice,
        }, ct);
        if (!written.Duplicate) submitter.Submit(written.Intent, after: after);
        return written.Intent;
    }
}
