using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// Turns a TradersPost quantity (contracts, dollars or percent) into whole contracts or shares, rounded down.
/// Notional of one contract = price x point value (1 for stocks); risk of one = |entry - stop| x point value.
/// </summary>
public static class QuantitySizer
{
    /// <summary>The size for an entry on <paramref name="side"/>; null when the signal names no quantity.</summary>
    public static (decimal? Quantity, SignalDecision? Refusal) Size(SignalContext c, Side side)
    {
        var r = c.Request;
        if (r.Quantity is not { } value) return (null, null);
        if (r.QuantityType == QuantityType.FixedQuantity) return (value, null);

        var notional = c.Price * c.Spec.PointValue;
        // A price of 0 (a sub-tick price, or breakeven's placeholder) has no size in dollars or percent.
        if (notional <= 0)
            return Refuse(SignalDecision.Reject("price", $"quantityType {Name(r.QuantityType)} needs a price above 0 to size {r.Ticker.Symbol}; add \"price\": {{{{close}}}}"));
        try
        {
            return SizeAt(c, side, value, notional);
        }
        catch (OverflowException)
        {
            return Refuse(SignalDecision.Reject("quantity", $"quantity {value} as {Name(r.QuantityType)} sizes beyond any possible order"));
        }
    }

    private static (decimal? Quantity, SignalDecision? Refusal) SizeAt(SignalContext c, Side side, decimal value, decimal notional)
    {
        var r = c.Request;
        decimal raw;
        switch (r.QuantityType)
        {
            case QuantityType.DollarAmount:
                raw = value / notional;
                break;
            case QuantityType.PercentOfEquity when c.Settings.Capital is { } equity:
                raw = equity * value / 100m / notional;
                break;
            case QuantityType.RiskDollarAmount or QuantityType.RiskPercent:
                if (r.QuantityType == QuantityType.RiskPercent && c.Settings.Capital is null) return NoCapital(r);
                var stop = ExitLevels.For(c.Settings, c.Spec, side, c.Price, null, r.StopLoss).StopLoss;
                if (stop is not { } s)
                    return Refuse(SignalDecision.Reject("stopLoss",
                        $"quantityType {Name(r.QuantityType)} needs a stop loss: add stopLoss to the alert or enable the recorder's stop loss"));
                var riskPerUnit = Math.Abs(c.Price - s) * c.Spec.PointValue;
                if (riskPerUnit == 0) return Refuse(SignalDecision.Reject("stopLoss", $"the stop loss {s} is at the entry price, so the risk per contract is 0"));
                var riskDollars = r.QuantityType == QuantityType.RiskPercent ? c.Settings.Capital!.Value * value / 100m : value;
                raw = riskDollars / riskPerUnit;
                break;
            case QuantityType.PercentOfPosition when c.Current is { } held:
                raw = held.Quantity * value / 100m;
                break;
            case QuantityType.PercentOfPosition:
                return Refuse(SignalDecision.Ignore($"quantityType percent_of_position needs an open position in {r.Ticker.Symbol}; there is none"));
            default:
                return NoCapital(r);
        }

        var whole = decimal.Floor(raw);
        if (whole < 1)
            return Refuse(SignalDecision.Reject("quantity",
                $"quantity {value} as {Name(r.QuantityType)} sizes to {raw:0.####} contracts at {c.Price}, which rounds down to 0; nothing was traded"));
        if (whole > WebhookPayloadParser.MaxQuantity)
            return Refuse(SignalDecision.Reject("quantity", $"quantity {value} as {Name(r.QuantityType)} sizes to {whole}, above {WebhookPayloadParser.MaxQuantity:0}"));
        return (whole, null);
    }

    /// <summary>The TradersPost spelling, for messages.</summary>
    public static string Name(QuantityType type) => type switch
    {
        QuantityType.FixedQuantity => "fixed_quantity",
        QuantityType.DollarAmount => "dollar_amount",
        QuantityType.RiskDollarAmount => "risk_dollar_amount",
        QuantityType.RiskPercent => "risk_percent",
        QuantityType.PercentOfEquity => "percent_of_equity",
        QuantityType.PercentOfPosition => "percent_of_position",
        _ => type.ToString(),
    };

    private static (decimal?, SignalDecision?) NoCapital(SignalRequest r) => Refuse(SignalDecision.Reject("quantityType",
        $"quantityType {Name(r.QuantityType)} needs the recorder's capital (equity); set capital on the recorder"));

    private static (decimal?, SignalDecision?) Refuse(SignalDecision decision) => (null, decision);
}
