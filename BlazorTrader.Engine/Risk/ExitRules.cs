using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Engine.Risk;

/// <summary>
/// Tick-driven exit decisions for one trade (pure; no I/O, no allocation). Within one tick the stop is
/// checked before the targets: when a conflated range touches both, assume the worse happened first.
/// A level fills at the level when the tick range contains it, else (gap) at the tick price.
/// </summary>
public static class ExitRules
{
    public static void Evaluate(LiveTrade trade, long positionId, in Tick tick, decimal pointValue, List<ExitFill> fills)
    {
        UpdateExcursions(trade, tick, pointValue);
        if (trade.OpenQuantity <= 0) return;

        if (trade.Stop is { } stop && Touched(trade.Direction, -1, stop, tick, out var stopGap))
        {
            var kind = trade.StopKind switch
            {
                StopKind.TrailingStop => ExitKind.TrailingStop,
                StopKind.BreakEvenStop => ExitKind.BreakEvenStop,
                _ => ExitKind.StopLoss,
            };
            fills.Add(new ExitFill(positionId, trade.TradeId, kind, -1, stop, trade.OpenQuantity, stopGap ? tick.Price : stop,
                stopGap, tick.Mode, tick.DelaySeconds, tick.At));
            trade.OpenQuantity = 0;
            return;
        }

        for (var i = 0; i < trade.Targets.Length && trade.OpenQuantity > 0; i++)
        {
            var target = trade.Targets[i];
            if (target.Filled) continue;
            if (!Touched(trade.Direction, +1, target.Price, tick, out var gap)) break;   // targets fill in order
            target.Filled = true;
            var last = i == trade.Targets.Length - 1;
            var outAfter = last ? trade.Quantity : Math.Min(trade.Quantity, target.CumulativeQuantity);
            var quantity = Math.Min(trade.OpenQuantity, outAfter - (trade.Quantity - trade.OpenQuantity));
            if (quantity > 0)
            {
                fills.Add(new ExitFill(positionId, trade.TradeId, ExitKind.TakeProfit, i, target.Price, quantity, gap ? tick.Price : target.Price,
                    gap, tick.Mode, tick.DelaySeconds, tick.At));
                trade.OpenQuantity -= quantity;
            }
            if (i == 0 && trade.BreakEvenAfterFirstTarget && Tightens(trade, trade.Entry))
            {
                trade.Stop = trade.Entry;
                trade.StopKind = StopKind.BreakEvenStop;
            }
            trade.Dirty = true;
        }

        Trail(trade, tick);
    }

    /// <summary>
    /// Did the tick reach a level? side -1 = adverse level (stop), +1 = favourable level (target).
    /// <paramref name="gapped"/> when the whole range is already beyond it.
    /// </summary>
    private static bool Touched(int direction, int side, decimal level, in Tick tick, out bool gapped)
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

    private static void UpdateExcursions(LiveTrade trade, in Tick tick, decimal pointValue)
    {
        var favourable = trade.Direction > 0 ? tick.High : tick.Low;
        var adverse = trade.Direction > 0 ? tick.Low : tick.High;
        var mfe = (favourable - trade.Entry) * trade.Direction * pointValue * trade.Quantity;
        var mae = (adverse - trade.Entry) * trade.Direction * pointValue * trade.Quantity;
        if (mfe > trade.Mfe) { trade.Mfe = mfe; trade.Dirty = true; }
        if (mae < trade.Mae) { trade.Mae = mae; trade.Dirty = true; }
        if ((favourable - trade.BestPrice) * trade.Direction > 0) trade.BestPrice = favourable;
    }

    /// <summary>Moves a trailing stop after the stop and targets were judged on this tick, never backwards.</summary>
    private static void Trail(LiveTrade trade, in Tick tick)
    {
        if (trade.TrailTrigger is not { } trigger || trade.OpenQuantity <= 0) return;
        if ((trade.BestPrice - trade.Entry) * trade.Direction < trigger) return;
        var candidate = trade.BestPrice - trade.Direction * trade.TrailDistance;
        if (Tightens(trade, candidate))
        {
            trade.Stop = candidate;
            trade.StopKind = StopKind.TrailingStop;
            trade.Dirty = true;
        }
    }

    /// <summary>True when moving the stop to <paramref name="candidate"/> would tighten it (or there is none).</summary>
    private static bool Tightens(LiveTrade trade, decimal candidate) =>
        trade.Stop is not { } current || (candidate - current) * trade.Direction > 0;
}
