using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Risk;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// Writes the TP/SL decisions of one tick at once (never batched with the slow flush), with the linked accounts'
/// exit intents in the same transaction, so an exit the recorder booked is never missing at its accounts.
/// Works on the book's rows; a failed write reloads the book, and the exit is decided again on the next tick.
/// </summary>
internal sealed class TickExitHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    InstrumentCatalog instruments,
    LiveBookSync sync,
    EngineEventHub events,
    TimeProvider time,
    Scheduling.Calendar.TradingCalendar calendar,
    Execution.OrderRouter router)
{
    public async Task ApplyAsync(IReadOnlyList<ExitFill> fills, CancellationToken ct)
    {
        var positions = fills.Select(f => f.PositionId).Distinct().Select(book.OpenPosition).OfType<PositionEntity>().ToList();
        if (positions.Count == 0) return;
        await using var journal = await Journal.BeginAsync(dbFactory,
            ex => events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"After committed TP/SL exits: {ex.Message}")), ct);
        var db = journal.Db;
        var now = time.GetUtcNow();
        var closedTrades = new List<TradeEntity>();
        foreach (var position in positions)
        {
            sync.CopyLiveFields(position);
            db.Positions.Update(position);
            foreach (var fill in fills.Where(f => f.PositionId == position.Id))
                ApplyFill(position, fill, now, calendar.TradeDate(instruments.SpecFor(position.Ticker), now), closedTrades);
        }
        await db.SaveChangesAsync(ct);
        // Copy trading: linked accounts follow the recorder's exits (keyed by the exits, so they go once).
        foreach (var position in positions)
        {
            if (book.Recorder(position.RecorderId) is { Accounts.Count: > 0 } recorder)
                await router.StageFanOutAsync(journal, recorder, ExitKey(position.Id, fills), null, "exit", position.Ticker, position.ToState(),
                    position.CurrentPrice ?? 0, ct);
        }
        db.ChangeTracker.Clear();   // saved: closed trades leaving the book must not read as deletions
        foreach (var position in positions) book.Settle(position);
        journal.AfterCommit(() =>
        {
            foreach (var position in positions)
            {
                sync.Rebuild(position);
                events.Publish(new PositionChanged(now, sync.Snapshot(position)));
            }
            foreach (var trade in closedTrades)
                events.Publish(new TradeClosed(now, trade.Id, trade.RecorderId, trade.Ticker, trade.RealizedPnl, trade.ExitReason ?? ""));
            foreach (var fill in fills)
                events.Publish(new LogEntry(now, EngineLogLevel.Info, $"Trade {fill.TradeId}: {fill.Quantity:0.####} out at {fill.Price} by {fill.Reason()}",
                    positions.FirstOrDefault(p => p.Id == fill.PositionId)?.RecorderId));
        });
        await journal.CommitAsync(ct);
    }

    private void ApplyFill(PositionEntity position, ExitFill fill, DateTimeOffset now, DateOnly day, List<TradeEntity> closedTrades)
    {
        var trade = position.Trades.FirstOrDefault(t => t.Id == fill.TradeId);
        if (trade is null || trade.OpenQuantity <= 0 || position.Status != TradeStatus.Open) return;
        var quantity = Math.Min(fill.Quantity, Math.Min(trade.OpenQuantity, position.TotalQuantity));
        var spec = instruments.SpecFor(position.Ticker);
        var side = EntityMapping.ParseSide(trade.Side);

        trade.Exit(quantity, fill.Price, spec.PnL(trade.EntryPrice, fill.Price, quantity, (int)side), fill.Reason(), now.UtcDateTime);
        trade.DecisionDataMode = fill.Mode.ToString().ToLowerInvariant();
        trade.DecisionTickAgeMs = (long)(now - fill.TickAt).TotalMilliseconds + fill.DelaySeconds * 1000L;
        if (fill.Kind == ExitKind.TakeProfit && fill.TargetIndex < trade.TpTargets.Count)
        {
            trade.TpTargets[fill.TargetIndex].FilledQuantity += quantity;
            trade.TpTargets[fill.TargetIndex].HitAt = now.UtcDateTime;
        }
        if (trade.Status == TradeStatus.Closed) closedTrades.Add(trade);

        var change = PositionMath.Apply(position.ToState(), side.Opposite(), quantity, fill.Price, spec);
        position.RealizedPnl += change.RealizedPnl;
        book.Today.Realized(position.RecorderId, day, change.RealizedPnl);
        position.CurrentPrice = fill.Price;
        if (change.After is { } after)
        {
            position.TotalQuantity = after.Quantity;
            position.UnrealizedPnl = PositionMath.Unrealized(after, fill.Price, spec);
        }
        else
        {
            position.Status = TradeStatus.Closed;
            position.ClosedAt = now.UtcDateTime;
            position.UnrealizedPnl = 0;
            book.Today.Closed(position.RecorderId, day, position.Ticker);
        }
    }

    private static string ExitKey(long positionId, IReadOnlyList<ExitFill> fills)
    {
        var levels = string.Join(",", fills.Where(f => f.PositionId == positionId).Select(f => $"{f.TradeId}{f.Kind}{f.TargetIndex}"));
        return $"exit:{positionId}:{(levels.Length <= 120 ? levels : Signals.SignalIdempotency.PayloadHash(levels))}";
    }
}
