using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>
/// The strategy's trade date as its page shows it, read from today's intents (entries, their <c>:tp</c>/<c>:sl</c> children,
/// liquidations) and the account's book: what is held with which bracket at the broker, what was closed and how, and the
/// day's P&amp;L (realized by today's exits, unrealized at the last price).
/// </summary>
internal static class GapAndGoDayReader
{
    public static async Task<GapAndGoDayView> ReadAsync(TradingDbContext db, GapAndGoStrategy strategy, GapAndGoDayEntity? day, ScanReply? lastScan,
        PriceCache prices, CancellationToken ct)
    {
        var todays = await strategy.TodaysIntentsAsync(db, ct);
        var byKey = todays.ToDictionary(i => i.IdempotencyKey, StringComparer.Ordinal);
        var held = await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == strategy.AccountId && p.Quantity != 0)
            .ToDictionaryAsync(p => p.Symbol, StringComparer.OrdinalIgnoreCase, ct);
        var positions = new List<GapAndGoPositionView>();
        var closed = new List<GapAndGoClosedView>();

        foreach (var entry in todays.Where(i => i.Source == GapAndGoStrategy.EntrySource && i.FilledQuantity > 0))
        {
            var tp = byKey.GetValueOrDefault(GapAndGoStrategy.ChildKey(entry.IdempotencyKey, "tp"));
            var sl = byKey.GetValueOrDefault(GapAndGoStrategy.ChildKey(entry.IdempotencyKey, "sl"));
            var liquidation = byKey.GetValueOrDefault(GapAndGoKeys.Liquidation(strategy.Id, strategy.TradeDate, entry.Ticker));
            var entryPrice = entry.AvgFillPrice ?? 0;
            var exit = new[] { (tp, "take-profit"), (sl, "stop"), (liquidation, "liquidation") }.FirstOrDefault(x => x.Item1 is { FilledQuantity: > 0 });
            if (exit.Item1 is { } done)
                closed.Add(new GapAndGoClosedView(entry.Ticker, done.FilledQuantity, entryPrice, done.AvgFillPrice, exit.Item2,
                    done.RealizedPnl, done.LastFillAt));
            else if (held.TryGetValue(entry.Ticker, out var position) && position.Quantity > 0)
            {
                decimal? last = prices.TryGet(entry.Ticker, out var quote) ? quote.Price : null;
                positions.Add(new GapAndGoPositionView(entry.Ticker, position.Quantity, entryPrice, last,
                    last is { } l ? (l - position.AvgPrice) * position.Quantity : null, Order(tp, tp?.LimitPrice), Order(sl, sl?.StopPrice)));
            }
            else closed.Add(new GapAndGoClosedView(entry.Ticker, entry.FilledQuantity, entryPrice, null, "closed elsewhere", 0, null));
        }
        var realized = todays.Where(i => i.Action == OrderAction.Sell && i.FilledQuantity > 0).Sum(i => i.RealizedPnl);
        var dayPnl = realized + positions.Sum(p => p.UnrealizedPnl ?? 0);
        return new GapAndGoDayView(GapAndGoStatus.Ok, strategy.TradeDate, day?.Halted ?? false, day?.HaltReason, day?.Budget ?? 0, lastScan,
            positions, closed, dayPnl);
    }

    static GapAndGoOrderView? Order(OrderIntentEntity? intent, decimal? price) => intent is null ? null
        : new GapAndGoOrderView(intent.IdempotencyKey, price, intent.Status.ToString().ToLowerInvariant(), intent.BrokerOrderId);
}
