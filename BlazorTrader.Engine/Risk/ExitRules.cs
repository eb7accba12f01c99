using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Engine.Risk;

/// <summary>
/// Tick-driven exit decisions for one trade (pure; no I/O, no allocation; integer ticks). Within one tick
/// the stop is checked before the targets: when a conflated range touches both, assume the worse happened
/// first. A level fills at the level when the tick range contains it, else (gap) at the tick price.
/// </summary>
public static class ExitRules
{
    /// <summary>For callers holding decimals (tests): converts the tick to the trade's grid first.</summary>
    public static void Evaluate(LiveTrade trade, long positionId, in Tick tick, PriceGrid grid, List<ExitFill> fills)
    {
        if (!trade.Prepared) trade.Prepare(grid);
        Evaluate(trade, positionId, tick, new TickTicks(grid.Ticks(tick.Price), grid.Ticks(tick.High), grid.Ticks(tick.Low)), fills);
    }

    public static void Evaluate(LiveTrade trade, long positionId, in Tick tick, in TickTicks ticks, List<ExitFill> fills)
    {
        UpdateExcursions(trade, ticks);
        if (trade.OpenLots <= 0) return;

        if (trade.HasStop && Touched(trade.Direction, -1, trade.StopTicks, ticks, out var stopGap))
        {
            var kind = trade.StopKind switch
            {
                StopKind.TrailingStop => ExitKind.TrailingStop,
                StopKind.BreakEvenStop => ExitKind.BreakEvenStop,
                _ => ExitKind.StopLoss,
            };
            var level = trade.Grid.Price(trade.StopTicks);
            fills.Add(new ExitFill(positionId, trade.TradeId, kind, -1, level, trade.OpenQuantity, stopGap ? tick.Price : level,
                stopGap, tick.Mode, tick.DelaySeconds, tick.At));
            trade.Close(trade.OpenQuantity);
            return;
        }

        for (var i = 0; i < trade.Targets.Length && trade.OpenLots > 0; i++)
        {
            var target = trade.Targets[i];
            if (target.Filled) continue;
            if (!Touched(trade.Direction, +1, target.PriceTicks, ticks, out var gap)) break;   // targets fill in order
            target.Filled = true;
            var last = i == trade.Targets.Length - 1;
            var outAfter = last ? trade.Quantity : Math.Min(trade.Quantity, target.CumulativeQuantity);
            var quantity = Math.Min(trade.OpenQuantity, outAfter - (trade.Quantity - trade.OpenQuantity));
            if (quantity > 0)
            {
                fills.Add(new ExitFill(positionId, trade.TradeId, ExitKind.TakeProfit, i, target.Price, quantity, gap ? tick.Price : target.Price,
                    gap, tick.Mode, tick.DelaySeconds, tick.At));
                trade.Close(quantity);
            }
            if (i == 0 && trade.BreakEvenAfterFirstTarget && Tightens(trade, trade.EntryTicks)) trade.MoveStop(trade.EntryTicks, StopKind.BreakEvenStop);
            trade.Dirty = true;
        }

        Trail(trade);
    }

    /// <summary>
    /// Did the tick reach a level? side -1 = adverse level (stop), +1 = favourable level (target).
    /// <paramref name="gapped"/> when the whole range is already beyond it.
    /// </summary>
    private static bool Touched(int direction, int side, long level, in TickTicks tick, out bool gapped)
    {
        // For a long: a stop is hit when Low <= level, a target when High >= level. Mirror for a short.
        var favourableExtreme = direction > 0 ? tick.High : tick.Low;
        var adverseExtreme = direction > 0 ? tick.Low : tick.High;
        var sign = direction * side;
        var reach = side > 0 ? favourableExtreme : adverseExtreme;
        var far = side > 0 ? adverseExtreme : favourableExtreme;
        var touched = sign > 0 ? reach >= level : reach <= level;
        gapped = touched && (sign > 0 ? far > level : far < level);
        return touched;
    }

    /// <summary>MFE/MAE in dollars over the entry quantity, and the best price for trailing; decimals written only on a new extreme.</summary>
    private static void UpdateExcursions(LiveTrade trade, in TickTicks tick)
    {
        var direction = trade.Direction;
        var favourable = direction > 0 ? tick.High : tick.Low;
        var adverse = direction > 0 ? tick.Low : tick.High;
        var mfe = (favourable - trade.EntryTicks) * direction * trade.QuantityLots;
        var mae = (adverse - trade.EntryTicks) * direction * trade.QuantityLots;
        if (mfe > trade.MfeTicks)
        {
            trade.MfeTicks = mfe;
            trade.Mfe = trade.Grid.Money(mfe);
            trade.Dirty = true;
        }
        if (mae < trade.MaeTicks)
        {
            trade.MaeTicks = mae;
            trade.Mae = trade.Grid.Money(mae);
            trade.Dirty = true;
        }
        if ((favourable - trade.BestTicks) * direction > 0)
        {
            trade.BestTicks = favourable;
            trade.BestPrice = trade.Grid.Price(favourable);
        }
    }

    /// <summary>Moves a trailing stop after the stop and targets were judged on this tick, never backwards.</summary>
    private static void Trail(LiveTrade trade)
    {
        if (trade.TrailTriggerTicks < 0 || trade.OpenLots <= 0) return;
        if ((trade.BestTicks - trade.EntryTicks) * trade.Direction < trade.TrailTriggerTicks) return;
        var candidate = trade.BestTicks - trade.Direction * trade.TrailDistanceTicks;
        if (Tightens(trade, candidate)) trade.MoveStop(candidate, StopKind.TrailingStop);
    }

    /// <summary>True when moving the stop to <paramref name="candidate"/> would tighten it (or there is none).</summary>
    private static bool Tightens(LiveTrade trade, long candidate) =>
        !trade.HasStop || (candidate - trade.StopTicks) * trade.Direction > 0;
}
