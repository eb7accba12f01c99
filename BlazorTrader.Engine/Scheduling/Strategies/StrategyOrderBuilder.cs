using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>Turns a scheduled strategy into its entry order: size, and the take-profit and stop as a bracket around the price.</summary>
public static class StrategyOrderBuilder
{
    public readonly record struct Result(OrderTicket? Ticket, string? Problem);

    /// <param name="price">The last price; needed for capital sizing and for a bracket.</param>
    /// <param name="netLiquidation">The account's net liquidation; needed for capital sizing.</param>
    public static Result Entry(ScheduledStrategyEntity s, ContractSpec spec, string key, decimal? price, decimal? netLiquidation)
    {
        var needsPrice = s.Sizing == StrategySizing.CapitalPercent || s.TakeProfit is not null || s.StopLoss is not null;
        if (needsPrice && price is not > 0)
            return new(null, $"no price for {s.Ticker}: capital sizing and a bracket are computed from the last price");

        var quantity = s.Size;
        if (s.Sizing == StrategySizing.CapitalPercent)
        {
            if (netLiquidation is not > 0) return new(null, $"the account's net liquidation is unknown, so {s.Size}% of capital cannot be sized");
            quantity = decimal.Floor(netLiquidation.Value * s.Size / 100m / (price!.Value * spec.PointValue));
            if (quantity < 1) return new(null, $"{s.Size}% of {netLiquidation:0.##} at {price} sizes to less than one contract");
        }

        Bracket? bracket = null;
        if (s.TakeProfit is not null || s.StopLoss is not null)
        {
            var direction = s.Side == OrderAction.Buy ? 1 : -1;
            var p = price!.Value;
            decimal? tp = s.TakeProfit is { } t ? spec.RoundToTick(p + direction * Distance(t, s.ExitUnits, p, spec)) : null;
            decimal? sl = s.StopLoss is { } l ? spec.RoundToTick(p - direction * Distance(l, s.ExitUnits, p, spec)) : null;
            bracket = new Bracket(tp, sl);
        }
        return new(new OrderTicket(s.AccountId, s.Ticker, s.Side, quantity, OrderType.Market, key, "scheduled", ReferencePrice: price, Bracket: bracket), null);
    }

    /// <summary>A distance in price points.</summary>
    public static decimal Distance(decimal amount, PriceUnits units, decimal price, ContractSpec spec) => units switch
    {
        PriceUnits.Ticks => spec.TicksToPoints(amount),
        PriceUnits.Points => amount,
        _ => price * amount / 100m,
    };
}
