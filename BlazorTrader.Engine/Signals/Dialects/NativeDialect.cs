using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Engine.Signals.Dialects;

/// <summary>
/// BlazorTrader's own message (docs/api.md): <c>action</c>, <c>ticker</c>, <c>price</c>, <c>quantity</c>,
/// <c>marketPosition</c> + <c>positionSize</c>, <c>id</c>, <c>comment</c>, <c>time</c>. The reference every
/// other dialect is mapped onto; TradersPost builds on it.
/// </summary>
internal static class NativeDialect
{
    public const string Name = "native";

    public static SignalRequest Map(JsonFieldReader json, InstrumentCatalog instruments, string dialect = Name, bool wholeQuantity = true)
    {
        var action = SignalFields.Action(json, "action");
        var ticker = SignalFields.Ticker(json, "ticker", instruments);
        var price = SignalFields.Price(json, "price");
        var quantity = SignalFields.Quantity(json, "quantity", wholeQuantity);
        var target = SignalFields.Target(json, "marketPosition", "positionSize");
        var comment = SignalFields.Text(json, "comment");
        var orderId = SignalFields.Text(json, "id", 100);
        var time = SignalFields.Time(json, "time");
        return new SignalRequest(dialect, action, ticker, price, quantity, orderId, target, comment, time);
    }
}
