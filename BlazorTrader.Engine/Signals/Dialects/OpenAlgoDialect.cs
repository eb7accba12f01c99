using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Engine.Signals.Dialects;

/// <summary>
/// OpenAlgo's strategy webhook: <c>symbol</c>, <c>action</c> (BUY/SELL) and <c>position_size</c>, the net
/// position wanted after the signal, signed like TradingView's {{strategy.position_size}} (0 = flat,
/// negative = short). Without <c>position_size</c> it is a plain buy or sell of <c>quantity</c>.
/// </summary>
internal static class OpenAlgoDialect
{
    public const string Name = "openalgo";

    public static bool Matches(JsonFieldReader json) => json.Has("symbol") && json.Has("action");

    public static SignalRequest Map(JsonFieldReader json, InstrumentCatalog instruments)
    {
        var action = SignalFields.Action(json, "action");
        var ticker = SignalFields.Ticker(json, "symbol", instruments);
        var price = SignalFields.Price(json, "price");
        var quantity = SignalFields.Quantity(json, "quantity");
        var target = SignalFields.Target(json, "market_position", "position_size");
        var orderId = SignalFields.Text(json, "id", 100);
        var time = SignalFields.Time(json, "time");
        return new SignalRequest(Name, action, ticker, price, quantity, orderId, target, SignalFields.Text(json, "strategy", 100), time);
    }
}
