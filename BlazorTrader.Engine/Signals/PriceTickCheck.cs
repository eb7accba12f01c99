using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// A price that rounds to 0 on the instrument's tick (MNQ at 0.1 with a 0.25 tick) cannot be traded, and would
/// divide by zero when dollars are sized into contracts; refused here, before the command reaches the engine.
/// </summary>
internal static class PriceTickCheck
{
    public static SignalParseError? FirstSubTickPrice(SignalRequest request, ContractSpec spec, JsonFieldReader json)
    {
        (decimal? Value, string[] Fields)[] prices =
        [
            (request.Price, ["signalPrice", "price", "strategy.order_price", "limitPrice", "stopPrice"]),
            (request.Order?.LimitPrice, ["limitPrice"]),
            (request.Order?.StopPrice, ["stopPrice"]),
            (request.TakeProfit is { Basis: ExitBasis.Price } tp ? tp.Value : null, ["takeProfit.limitPrice", "tp"]),
            (request.StopLoss is { Basis: ExitBasis.Price } sl ? sl.Value : null, ["stopLoss.stopPrice", "sl"]),
        ];
        foreach (var (value, fields) in prices)
        {
            if (value is not { } price || spec.RoundToTick(price) > 0) continue;
            var field = fields.FirstOrDefault(f => Has(json, f)) ?? fields[0];
            return new SignalParseError(field,
                $"{field} {price} rounds to 0 on {request.Ticker.Symbol}'s tick of {spec.TickSizeAt(price)}; send the instrument's price");
        }
        return null;
    }

    private static bool Has(JsonFieldReader json, string dotted)
    {
        var parts = dotted.Split('.');
        var reader = json;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (reader.Object(parts[i]).Reader is not { } nested) return false;
            reader = nested;
        }
        return reader.Has(parts[^1]);
    }
}
