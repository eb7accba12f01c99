using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// When and at what price a paper order fills. Slippage is always against the trader, in ticks.
/// Without a quote a market order fills at the order's reference price (the signal's price) and a limit
/// at its limit; a stop needs a quote to trigger.
/// </summary>
public static class PaperFillModel
{
    public readonly record struct Decision(decimal? Price, string? RejectReason)
    {
        public bool Fills => Price is not null;
    }

    private static readonly Decision Wait = new(null, null);

    public static Decision Decide(OrderType type, OrderAction action, decimal? quote, decimal? limit, decimal? stop, decimal? reference,
        ContractSpec spec, int slippageTicks)
    {
        var slip = spec.TickSize * slippageTicks * (action == OrderAction.Buy ? 1 : -1);
        return type switch
        {
            OrderType.Market => (quote ?? reference) is { } p
                ? new(spec.RoundToTick(p + slip), null)
                : new(null, "the paper broker has no price for this symbol yet; send a price with the order"),
            OrderType.Limit => limit is { } l ? Limit(action, quote, l, slip, spec) : new(null, "a limit order needs a limit price"),
            OrderType.Stop => stop is { } s ? Stop(action, quote, s, slip, spec) : new(null, "a stop order needs a stop price"),
            _ => new(null, $"order type {type} is not supported"),
        };
    }

    private static Decision Limit(OrderAction action, decimal? quote, decimal limit, decimal slip, ContractSpec spec)
    {
        if (quote is not { } q) return new(limit, null);
        var marketable = action == OrderAction.Buy ? q <= limit : q >= limit;
        if (!marketable) return Wait;
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
