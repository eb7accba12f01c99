using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Handlers;

/// <summary>How a position's open trades give up a closed quantity: oldest first, each with the P&amp;L of its own entry.</summary>
internal static class TradeExits
{
    public static void Fifo(PositionEntity position, decimal quantity, decimal price, ContractSpec spec, string reason,
        DateTime now, List<TradeEntity> closedTrades)
    {
        foreach (var trade in position.Trades.Where(t => t.OpenQuantity > 0).OrderBy(t => t.OpenedAt).ThenBy(t => t.Id))
        {
            if (quantity == 0) break;
            var take = Math.Min(trade.OpenQuantity, quantity);
            var direction = (int)EntityMapping.ParseSide(trade.Side);
            trade.Exit(take, price, spec.PnL(trade.EntryPrice, price, take, direction), reason, now);
            if (trade.Status == TradeStatus.Closed) closedTrades.Add(trade);
            quantity -= take;
        }
    }

    /// <summary>Closes the whole position at <paramref name="price"/>: every open trade exits with <paramref name="reason"/>.</summary>
    /// <returns>The change, with the realized P&amp;L the day's counters take.</returns>
    public static PositionChange CloseAll(PositionEntity position, decimal price, ContractSpec spec, string reason, DateTime now, List<TradeEntity> closedTrades)
    {
        var quantity = position.TotalQuantity;
        var change = PositionMath.Apply(position.ToState(), EntityMapping.ParseSide(position.Side).Opposite(), quantity, price, spec);
        Fifo(position, quantity, price, spec, reason, now, closedTrades);
        position.RealizedPnl += change.RealizedPnl;
        position.CurrentPrice = price;
        position.Status = TradeStatus.Closed;
        position.ClosedAt = now;
        position.UnrealizedPnl = 0;
        return change;
    }
}
