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
/// The roll of one recorder position on a continuous future, in one transaction: its open trades exit in the held month
/// at the live price ("roll to MNQH2027") and continue in the new month as a new position (same side, size, stop and
/// targets, entry at that price); each linked account gets a closing order pinned to the month it holds and an opening
/// order pinned to the new month. Keys derive from the plan (<see cref="RollPlan.IdempotencyKey"/>), so a repeat, a
/// retried request or a second click is answered "duplicate" and sends nothing.
/// </summary>
internal sealed class PositionRoller(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    RollWatch rolls,
    InstrumentCatalog instruments,
    PriceCache prices,
    LiveBookSync liveBook,
    EngineEventHub events,
    TimeProvider time,
    Scheduling.Calendar.TradingCalendar calendar,
    Execution.KillSwitch killSwitch,
    Execution.OrderRouter router)
{
    public const string AuditCategory = "position-roll";
    public const string Source = "roll";

    public async Task<RollPositionOutcome> RollAsync(RollPosition command, CancellationToken ct)
    {
        var prefix = $"roll:{command.PositionId}:";
        await using var journal = await Journal.BeginAsync(dbFactory,
            ex => events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"After a committed roll: {ex.Message}")), ct);
        var db = journal.Db;
        if (await db.AuditLog.AsNoTracking().Where(a => a.Category == AuditCategory && a.Message.StartsWith(prefix)).Select(a => a.Message).FirstOrDefaultAsync(ct)
            is { } done)
        {
            var ids = await db.OrderIntents.AsNoTracking().Where(i => i.IdempotencyKey.StartsWith(prefix)).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
            return new RollPositionOutcome(RollPositionStatus.Duplicate, IntentIds: ids, Reason: done);
        }

        var position = book.OpenPosition(command.PositionId);
        if (position is null)
        {
            return await db.Positions.AsNoTracking().AnyAsync(p => p.Id == command.PositionId, ct)
                ? new RollPositionOutcome(RollPositionStatus.NotOpen, Reason: "the position is closed")
                : new RollPositionOutcome(RollPositionStatus.NotFound, Reason: $"there is no position {command.PositionId}");
        }
        var now = time.GetUtcNow();
        if (rolls.Due(now).FirstOrDefault(d => d.PositionId == position.Id)?.Plan is not { } plan)
            return new RollPositionOutcome(RollPositionStatus.NotDue, Reason:
                $"{position.Ticker} position {position.Id} is not due to roll: it is in the front month and more than {rolls.WarnTradingDays} trading day(s) from its last trade");
        // The new month's leg opens a position: the kill switch stops it like any entry (the trader closes instead).
        if (killSwitch.IsOn)
            return new RollPositionOutcome(RollPositionStatus.Blocked, plan.From.DatedSymbol, plan.To.DatedSymbol, Reason: "the kill switch is on: a roll opens a position in the new month");

        var recorder = book.Recorder(position.RecorderId)!;
        var spec = instruments.SpecFor(position.Ticker);
        liveBook.CopyLiveFields(position);
        var price = prices.TryGet(position.Ticker, out var last) ? last.Price : position.CurrentPrice ?? position.AvgEntryPrice;
        var quantity = position.TotalQuantity;
        var reason = $"roll to {plan.To.DatedSymbol}";

        // The new month's trades continue the old ones: same planned size, same stop, same targets (hit ones stay hit).
        var continued = new PositionEntity
        {
            RecorderId = recorder.Id, Ticker = position.Ticker, Side = position.Side, Status = TradeStatus.Open, OpenedAt = now.UtcDateTime,
            TotalQuantity = quantity, AvgEntryPrice = price, CurrentPrice = price,
        };
        foreach (var trade in position.Trades.Where(t => t.Status == TradeStatus.Open && t.OpenQuantity > 0))
        {
            continued.Trades.Add(new TradeEntity
            {
                RecorderId = recorder.Id, Ticker = trade.Ticker, Side = trade.Side, Quantity = trade.Quantity, OpenQuantity = trade.OpenQuantity,
                EntryPrice = price, BestPrice = price, SlPrice = trade.SlPrice, SlKind = trade.SlKind, Status = TradeStatus.Open, OpenedAt = now.UtcDateTime,
                TpTargets = [.. trade.TpTargets.Select(t => new TpTargetState { Price = t.Price, Trim = t.Trim, FilledQuantity = t.FilledQuantity, HitAt = t.HitAt })],
            });
        }

        db.Positions.Update(position);
        var closedTrades = new List<TradeEntity>();
        var change = TradeExits.CloseAll(position, price, spec, reason, now.UtcDateTime, closedTrades);
        db.Positions.Add(continued);
        db.AuditLog.Add(new AuditLogEntry
        {
            At = now.UtcDateTime, Category = AuditCategory, RecorderId = recorder.Id,
            Message = $"{plan.IdempotencyKey} {recorder.Name}: {position.Side} {quantity:0.####} {position.Ticker} rolled from {plan.From.DatedSymbol} to {plan.To.DatedSymbol} at {price}",
        });
        await db.SaveChangesAsync(ct);
        // Realized P&L counts on the day; a roll is neither a new entry nor a close for the day's limits.
        book.Today.Realized(recorder.Id, calendar.TradeDate(spec, now), change.RealizedPnl);

        var closing = await router.StageFanOutAsync(journal, recorder, $"{plan.IdempotencyKey}:close", null, Source, position.Ticker, null, price, ct);
        var opening = await router.StageFanOutAsync(journal, recorder, $"{plan.IdempotencyKey}:open", null, Source, position.Ticker, continued.ToState(), price, ct,
            contractMonth: plan.To.Month, checkRisk: false);
        db.ChangeTracker.Clear();   // saved: closed trades leaving the book must not read as deletions
        book.Settle(position);
        book.Settle(continued);
        journal.AfterCommit(() =>
        {
            liveBook.Rebuild(position);
            liveBook.Rebuild(continued);
            events.Publish(new PositionChanged(now, liveBook.Snapshot(position)));
            events.Publish(new PositionChanged(now, liveBook.Snapshot(continued)));
            foreach (var trade in closedTrades)
                events.Publish(new TradeClosed(now, trade.Id, trade.RecorderId, trade.Ticker, trade.RealizedPnl, trade.ExitReason ?? reason));
            events.Publish(new LogEntry(now, EngineLogLevel.Info,
                $"{recorder.Name}: {position.Side} {quantity:0.####} {position.Ticker} rolled from {plan.From.DatedSymbol} to {plan.To.DatedSymbol} at {price}, realized {change.RealizedPnl:0.00}",
                recorder.Id));
        });
        await journal.CommitAsync(ct);
        return new RollPositionOutcome(RollPositionStatus.Rolled, plan.From.DatedSymbol, plan.To.DatedSymbol, continued.Id, [.. closing, .. opening]);
    }
}
