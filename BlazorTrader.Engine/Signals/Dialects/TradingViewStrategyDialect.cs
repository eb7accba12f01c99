using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Engine.Signals.Dialects;

/// <summary>
/// TradingView's nested strategy template: <c>ticker</c> plus a <c>strategy</c> object with <c>order_action</c>,
/// <c>order_contracts</c>, <c>order_price</c>, <c>market_position</c>, <c>position_size</c>, <c>order_id</c>
/// (and optionally <c>order_comment</c>). The market position makes a resent alert harmless.
/// </summary>
internal static class TradingViewStrategyDialect
{
    public const string Name = "tradingview";

    public static bool Matches(JsonFieldReader json) => json.Object("strategy").Reader is not null;

    public static SignalRequest Map(JsonFieldReader json, InstrumentCatalog instruments)
    {
        var strategy = json.Object("strategy").Reader!.Value;
        var action = SignalFields.Action(strategy, "order_action");
        var ticker = SignalFields.Ticker(json, "ticker", instruments);
        var price = SignalFields.Price(strategy, "order_price") ?? SignalFields.Price(json, "price");
        var quantity = SignalFields.Quantity(strategy, "order_contracts");
        var target = SignalFields.Target(strategy, "market_position", "position_size");
        var orderId = SignalFields.Text(strategy, "order_id", 100);
        var comment = SignalFields.Text(strategy, "order_comment") ?? SignalFields.Text(json, "comment");
        var time = SignalFields.Time(json, "time");
        return new SignalRequest(Name, action, ticker, price, quantity, orderId, target, comment, time);
    }
}
