using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// When and at what price a paper order fills, the way a venue fills resting orders. Slippage is always
/// against the trader, in ticks. A resting limit fills at its limit when the price reaches or crosses it;
/// only a limit that is marketable when it starts working, or at a session's first price
/// (<c>opening</c>), fills at that better quote. A stop fills at the quote once touched: at its level
/// when the price is there, at the worse price when it jumped past. Without a quote a market order fills
/// at the order's reference price (the signal's price) and a limit at its limit; a stop needs a quote.
/// </summary>
public static class PaperFillModel
{
    public readonly record struct Decision(decimal? Price, string? RejectReason)
    {
        public bool Fills => Price is not null;
    }

    private static readonly Decision Wait = new(null, null);

    public static Decision Decide(OrderType type, OrderAction action, decimal? quote, decimal? limit, decimal? stop, decimal? reference,
        ContractSpec spec, int slippageTicks, bool opening = true)
    {
        var slip = spec.TickSize * slippageTicks * (action == OrderAction.Buy ? 1 : -1);
        return type switch
        {
            OrderType.Market => (quote ?? reference) is { } p
                ? new(spec.RoundToTick(p + slip), null)
                : new(null, "the paper broker has no price for this symbol yet; send a price with the order"),
            OrderType.Limit => limit is { } l ? Limit(action, quote, l, slip, spec, opening) : new(null, "a limit order needs a limit price"),
            OrderType.Stop => stop is { } s ? Stop(action, quote, s, slip, spec) : new(null, "a stop order needs a stop price"),
            _ => new(null, $"order type {type} is not supported"),
        };
    }

    private static Decision Limit(OrderAction action, decimal? quote, decimal limit, decimal slip, ContractSpec spec, bool opening)
    {
        if (quote is not { } q) return new(limit, null);
        var marketable = action == OrderAction.Buy ? q <= limit : q >= limit;
        if (!marketable) return Wait;
        if (!opening) return new(limit, null);   // the price came to the resting order: it fills at its own price
        // Slippage never takes a limit order past its limit.
        var filled = action == OrderAction.Buy ? Math.Min(limit, q + slip) : Math.Max(limit, q + slip);
        return new(spec.RoundToTick(filled), null);
    }

    private static Decision Stop(OrderAction action, decimal? quote, decimal stop, decimal slip, ContractSpec spec)
    {
        if (quote is not { } last) return Wait;
        var triggered = action == OrderAction.Buy ? last >= stop : last <= stop;
        return triggered ? new(spec.RoundToTick(last + slip), null) : Wait;
    }
}
