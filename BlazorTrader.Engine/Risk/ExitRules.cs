using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Risk;

/// <summary>
/// Tick-driven exit decisions for one trade (pure; no I/O, no allocation; integer ticks), priced the way a
/// broker fills resting orders. A target is a resting limit: it fills at its level when the price reaches
/// it, also when the price jumped over it between two ticks; only a price that opens beyond it (the first
/// price the trade sees, or the first tick of a new session) fills at that better price. A stop fills at
/// its level when the tick range touches it, and at the tick price when the price jumped past it (worse).
/// Within one tick the stop is checked before the targets: when a conflated range touches both, assume the
/// worse happened first.
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
        // Judged against the previous price this trade saw, then remembered for the next tick.
        var seenBefore = trade.PriceSeen;
        var lastSeen = trade.LastSeenUtcTicks;
        trade.PriceSeen = true;
        trade.LastSeenUtcTicks = tick.At.UtcTicks;
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
                stopGap ? ExitPricing.Gapped : ExitPricing.AtLevel, tick.Mode, tick.DelaySeconds, tick.At));
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
                // Opened beyond: the range's price nearest the level, the least a resting limit would have got.
                var better = gap && Opening(trade.Market, seenBefore, lastSeen, tick.At);
                var price = better ? trade.Grid.Price(trade.Direction > 0 ? ticks.Low : ticks.High) : target.Price;
                fills.Add(new ExitFill(positionId, trade.TradeId, ExitKind.TakeProfit, i, target.Price, quantity, price,
                    better ? ExitPricing.OpenedBeyond : ExitPricing.AtLevel, tick.Mode, tick.DelaySeconds, tick.At));
                trade.Close(quantity);
            }
            if (i == 0 && trade.BreakEvenAfterFirstTarget && Tightens(trade, trade.EntryTicks)) trade.MoveStop(trade.EntryTicks, StopKind.BreakEvenStop);
            trade.Dirty = true;
        }

        Trail(trade);
    }

    /// <summary>
    /// True when this tick is an opening price for the trade: the first it sees, or the first of a new
    /// trade date (a session open). After a restart the previous price's time is unknown: never an opening.
    /// </summary>
    private static bool Opening(Market market, bool seenBefore, long lastSeenUtcTicks, DateTimeOffset at)
    {
        if (!seenBefore) return true;
        if (lastSeenUtcTicks == 0) return false;
        return TradeDates.Of(market, at) != TradeDates.Of(market, new DateTimeOffset(lastSeenUtcTicks, TimeSpan.Zero));
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
