using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Risk;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// Writes the TP/SL decisions of one tick to the database at once (never batched with the slow flush),
/// then reloads the touched positions into the live book so memory matches what was committed.
/// </summary>
internal sealed class TickExitHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    InstrumentCatalog instruments,
    LiveBook book,
    LiveBookSync sync,
    EngineEventHub events,
    TimeProvider time,
    Execution.OrderRouter router)
{
    public async Task ApplyAsync(IReadOnlyList<ExitFill> fills, CancellationToken ct)
    {
        var positionIds = fills.Select(f => f.PositionId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            var positions = await db.Positions.Include(p => p.Trades.Where(t => t.Status == TradeStatus.Open))
                .Where(p => positionIds.Contains(p.Id) && p.Status == TradeStatus.Open).ToListAsync(ct);
            var now = time.GetUtcNow();
            var closedTrades = new List<TradeEntity>();
            foreach (var position in positions)
            {
                CopyLiveFields(position);
                foreach (var fill in fills.Where(f => f.PositionId == position.Id))
                    ApplyFill(position, fill, now, closedTrades);
            }
            await db.SaveChangesAsync(ct);

            foreach (var position in positions) events.Publish(new PositionChanged(now, position.ToSnapshot()));
            foreach (var trade in closedTrades)
                events.Publish(new TradeClosed(now, trade.Id, trade.RecorderId, trade.Ticker, trade.RealizedPnl, trade.ExitReason ?? ""));
            foreach (var fill in fills)
                events.Publish(new LogEntry(now, EngineLogLevel.Info, $"Trade {fill.TradeId}: {fill.Quantity:0.####} out at {fill.Price} by {fill.Reason()}",
                    positions.FirstOrDefault(p => p.Id == fill.PositionId)?.RecorderId));
            // Copy trading: linked accounts follow the recorder's exits (keyed by the exits, so they go once).
            foreach (var position in positions)
                await router.FanOutExitAsync(db, position.RecorderId, ExitKey(position.Id, fills), position.Ticker, position.ToState(),
                    position.CurrentPrice ?? 0, ct);
        }
        finally
        {
            // Success or not, memory follows the database: a failed write is decided again on the next tick.
            await sync.ReloadAsync(db, positionIds, ct);
        }
    }

    private void ApplyFill(PositionEntity position, ExitFill fill, DateTimeOffset now, List<TradeEntity> closedTrades)
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
        }
    }

    private static string ExitKey(long positionId, IReadOnlyList<ExitFill> fills)
    {
        var levels = string.Join(",", fills.Where(f => f.PositionId == positionId).Select(f => $"{f.TradeId}{f.Kind}{f.TargetIndex}"));
        return $"exit:{positionId}:{(levels.Length <= 120 ? levels : Signals.SignalIdempotency.PayloadHash(levels))}";
    }

    /// <summary>Carries the tick-driven numbers (stops moved, excursions) from memory into the rows being saved.</summary>
    private void CopyLiveFields(PositionEntity position)
    {
        if (!book.TryGet(position.Id, out var live)) return;
        LiveStateWriter.Copy(live, position);
        foreach (var trade in position.Trades)
        {
            var liveTrade = live.Trades.FirstOrDefault(t => t.TradeId == trade.Id);
            if (liveTrade is not null) LiveStateWriter.Copy(liveTrade, trade);
        }
    }
}
