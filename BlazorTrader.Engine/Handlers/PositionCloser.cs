using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// Closes one recorder position on the book at the live price, for a person or the engine (manual close, flatten all,
/// kill switch): every open trade exits with the actor's name as its reason, and the linked accounts follow to flat in
/// the same transaction. The request key is journaled (audit log) with the close, so a repeat is answered "duplicate".
/// </summary>
internal sealed class PositionCloser(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    InstrumentCatalog instruments,
    PriceCache prices,
    LiveBookSync liveBook,
    EngineEventHub events,
    TimeProvider time,
    Scheduling.Calendar.TradingCalendar calendar,
    Execution.OrderRouter router)
{
    public const string AuditCategory = "position-close";

    /// <param name="requestKey">Unique per request (e.g. <c>close:{requestId}</c>); the position id is added to it.</param>
    /// <param name="reason">The actor, as the trades' exit reason: "manual close", "flatten all", "kill switch", ...</param>
    /// <param name="copyToAccounts">False when the caller closes the accounts itself (a flatten closes every account directly).</param>
    public async Task<ClosePositionOutcome> CloseAsync(long positionId, string requestKey, string reason, bool copyToAccounts, CancellationToken ct)
    {
        var key = $"{requestKey}:pos:{positionId}";
        await using var journal = await Journal.BeginAsync(dbFactory,
            ex => events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"After a committed close: {ex.Message}")), ct);
        var db = journal.Db;
        if (await db.AuditLog.AsNoTracking().AnyAsync(a => a.Category == AuditCategory && a.Message.StartsWith(key + " "), ct))
        {
            var prefix = Execution.OrderRouter.AccountKeyPrefix(key);
            var ids = await db.OrderIntents.AsNoTracking().Where(i => i.IdempotencyKey.StartsWith(prefix)).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
            return new ClosePositionOutcome(ClosePositionStatus.Duplicate, IntentIds: ids);
        }

        var position = book.OpenPosition(positionId);
        if (position is null)
        {
            return await db.Positions.AsNoTracking().AnyAsync(p => p.Id == positionId, ct)
                ? new ClosePositionOutcome(ClosePositionStatus.AlreadyClosed, Reason: "the position is already closed")
                : new ClosePositionOutcome(ClosePositionStatus.NotFound, Reason: $"there is no position {positionId}");
        }
        var recorder = book.Recorder(position.RecorderId)!;
        var spec = instruments.SpecFor(position.Ticker);
        liveBook.CopyLiveFields(position);
        // The live price; without one (feed down) the last price the position saw, as a trader closing blind would get.
        var price = prices.TryGet(position.Ticker, out var last) ? last.Price : position.CurrentPrice ?? position.AvgEntryPrice;
        var quantity = position.TotalQuantity;
        var now = time.GetUtcNow();

        db.Positions.Update(position);
        var closedTrades = new List<TradeEntity>();
        var change = TradeExits.CloseAll(position, price, spec, reason, now.UtcDateTime, closedTrades);
        db.AuditLog.Add(new AuditLogEntry
        {
            At = now.UtcDateTime, Category = AuditCategory, RecorderId = recorder.Id,
            Message = $"{key} {reason}: {recorder.Name} {position.Side} {quantity:0.####} {position.Ticker} closed at {price}",
        });
        await db.SaveChangesAsync(ct);
        var day = calendar.TradeDate(spec, now);   // the instrument's trade date, as the signal and tick handlers count it
        book.Today.Realized(recorder.Id, day, change.RealizedPnl);
        book.Today.Closed(recorder.Id, day, position.Ticker);

        var intents = copyToAccounts
            ? await router.StageFanOutAsync(journal, recorder, key, null, "close", position.Ticker, null, price, ct)
            : [];
        db.ChangeTracker.Clear();   // saved: closed trades leaving the book must not read as deletions
        book.Settle(position);
        journal.AfterCommit(() =>
        {
            liveBook.Rebuild(position);
            events.Publish(new PositionChanged(now, liveBook.Snapshot(position)));
            foreach (var trade in closedTrades)
                events.Publish(new TradeClosed(now, trade.Id, trade.RecorderId, trade.Ticker, trade.RealizedPnl, trade.ExitReason ?? reason));
            events.Publish(new LogEntry(now, EngineLogLevel.Info,
                $"{recorder.Name}: {reason}: {position.Side} {quantity:0.####} {position.Ticker} closed at {price}, realized {change.RealizedPnl:0.00}", recorder.Id));
        });
        await journal.CommitAsync(ct);
        return new ClosePositionOutcome(ClosePositionStatus.Accepted, IntentIds: intents);
    }
}
