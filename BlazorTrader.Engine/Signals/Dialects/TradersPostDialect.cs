using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals.Dialects;

/// <summary>
/// TradersPost's message: the native fields plus <c>sentiment</c>, <c>quantityType</c>, <c>signalPrice</c>,
/// <c>orderType</c> with <c>limitPrice</c>/<c>stopPrice</c>, <c>takeProfit</c>, <c>stopLoss</c> and <c>extras</c>.
/// Recognised by any of those fields or by an action only TradersPost has.
/// </summary>
internal static class TradersPostDialect
{
    public const string Name = "traderspost";

    private static readonly string[] MarkerFields = ["sentiment", "quantityType", "signalPrice", "orderType", "takeProfit", "stopLoss", "extras"];

    private static readonly Dictionary<string, Sentiment> Sentiments = new()
    {
        ["bullish"] = Sentiment.Bullish, ["long"] = Sentiment.Bullish,
        ["bearish"] = Sentiment.Bearish, ["short"] = Sentiment.Bearish,
        ["flat"] = Sentiment.Flat,
    };

    private static readonly Dictionary<string, QuantityType> QuantityTypes = new()
    {
        ["fixed_quantity"] = QuantityType.FixedQuantity, ["dollar_amount"] = QuantityType.DollarAmount,
        ["risk_dollar_amount"] = QuantityType.RiskDollarAmount, ["risk_percent"] = QuantityType.RiskPercent,
        ["percent_of_equity"] = QuantityType.PercentOfEquity, ["percent_of_position"] = QuantityType.PercentOfPosition,
    };

    private static readonly Dictionary<string, OrderType> OrderTypes = new()
    {
        ["market"] = OrderType.Market, ["limit"] = OrderType.Limit, ["stop"] = OrderType.Stop, ["stop_limit"] = OrderType.StopLimit,
    };

    public static bool Matches(JsonFieldReader json) =>
        MarkerFields.Any(json.Has)
        || (json.String("action") is { } action
            && SignalFields.ParseAction(action) is SignalAction.Add or SignalAction.Reverse or SignalAction.BreakEven or SignalAction.Cancel);

    public static SignalRequest Map(JsonFieldReader json, InstrumentCatalog instruments)
    {
        var quantityType = SignalFields.Choice(json, "quantityType", QuantityTypes) ?? QuantityType.FixedQuantity;
        var request = NativeDialect.Map(json, instruments, Name, wholeQuantity: quantityType == QuantityType.FixedQuantity);
        if (quantityType is QuantityType.PercentOfPosition or QuantityType.RiskPercent && request.Quantity > 100)
            throw SignalFields.Fail("quantity", $"quantity is a percent with quantityType {json.String("quantityType")}; it must be at most 100");

        var order = ReadOrder(json);
        var extras = json.Raw("extras");
        return request with
        {
            // signalPrice is TradersPost's name; without any price a limit or stop order's own price stands in.
            Price = SignalFields.Price(json, "signalPrice") ?? request.Price ?? order?.LimitPrice ?? order?.StopPrice,
            Sentiment = SignalFields.Choice(json, "sentiment", Sentiments),
            QuantityType = quantityType,
            Order = order,
            TakeProfit = ReadTakeProfit(json),
            StopLoss = ReadStopLoss(json, out var stopType),
            StopLossType = stopType,
            Extras = extras is { Length: > SignalFields.MaxTextField * 4 } ? throw SignalFields.Fail("extras", "extras is longer than 2000 characters") : extras,
        };
    }

    private static OrderInstruction? ReadOrder(JsonFieldReader json)
    {
        var type = SignalFields.Choice(json, "orderType", OrderTypes);
        var limit = SignalFields.Price(json, "limitPrice");
        var stop = SignalFields.Price(json, "stopPrice");
        if (type is null) return limit is null && stop is null ? null : new OrderInstruction(OrderType.Market, limit, stop);
        if (type is OrderType.Limit or OrderType.StopLimit && limit is null)
            throw SignalFields.Fail("limitPrice", $"limitPrice is required with orderType {json.String("orderType")}");
        if (type is OrderType.Stop or OrderType.StopLimit && stop is null)
            throw SignalFields.Fail("stopPrice", $"stopPrice is required with orderType {json.String("orderType")}");
        return new OrderInstruction(type.Value, limit, stop);
    }

    private static ExitOverride? ReadTakeProfit(JsonFieldReader json)
    {
        if (Nested(json, "takeProfit") is not { } tp) return null;
        return Exit(tp, "limitPrice", maxPercent: 100_000) ?? throw SignalFields.Fail("takeProfit", "takeProfit needs limitPrice, percent or amount");
    }

    private static ExitOverride? ReadStopLoss(JsonFieldReader json, out string? type)
    {
        type = null;
        if (Nested(json, "stopLoss") is not { } sl) return null;
        type = SignalFields.Text(sl, "type", 20)?.Trim().ToLowerInvariant();
        // A trailing stop starts as a fixed stop at its trail distance (virtual recorders trail only by the recorder's setting).
        return Exit(sl, "stopPrice", maxPercent: 99.99m)   // a stop 100% away would sit at zero
            ?? (SignalFields.Positive(sl, "trailPercent", 99.99m) is { } trailPercent ? new ExitOverride(ExitBasis.Percent, trailPercent) : (ExitOverride?)null)
            ?? (SignalFields.Positive(sl, "trailAmount", SignalFields.MaxPrice) is { } trailAmount ? new ExitOverride(ExitBasis.Amount, trailAmount) : (ExitOverride?)null)
            ?? throw SignalFields.Fail("stopLoss", "stopLoss needs stopPrice, percent or amount");
    }

    /// <summary>The first of price, percent, amount that is present.</summary>
    private static ExitOverride? Exit(JsonFieldReader json, string priceField, decimal maxPercent)
    {
        if (SignalFields.Price(json, priceField) is { } price) return new ExitOverride(ExitBasis.Price, price);
        if (SignalFields.Positive(json, "percent", maxPercent) is { } percent) return new ExitOverride(ExitBasis.Percent, percent);
        return SignalFields.Positive(json, "amount", SignalFields.MaxPrice) is { } amount ? new ExitOverride(ExitBasis.Amount, amount) : null;
    }

    private static JsonFieldReader? Nested(JsonFieldReader json, string field)
    {
        var (reader, error) = json.Object(field);
        return error is null ? reader : throw new PayloadException(error);
    }
}
