using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals.Dialects;

/// <summary>
/// PickMyTrade's message: <c>symbol</c>, <c>data</c> (buy, sell, close), <c>quantity</c>, <c>price</c>,
/// <c>tp</c>/<c>sl</c> (prices), <c>percentage_tp</c>/<c>percentage_sl</c>, <c>dollar_tp</c>/<c>dollar_sl</c>
/// (dollars per contract). Its generated alerts send 0 for every exit that is not used, so 0 means "not set".
/// </summary>
internal static class PickMyTradeDialect
{
    public const string Name = "pickmytrade";

    public static bool Matches(JsonFieldReader json) => json.Has("symbol") && json.Has("data");

    public static SignalRequest Map(JsonFieldReader json, InstrumentCatalog instruments)
    {
        var action = SignalFields.Action(json, "data");
        var ticker = SignalFields.Ticker(json, "symbol", instruments);
        var price = SignalFields.Price(json, "price");
        var quantity = SignalFields.Quantity(json, "quantity");
        var comment = SignalFields.Text(json, "comment");
        var orderId = SignalFields.Text(json, "id", 100);
        var time = SignalFields.Time(json, "time");
        return new SignalRequest(Name, action, ticker, price, quantity, orderId, null, comment, time)
        {
            TakeProfit = Exit(json, "tp", "percentage_tp", "dollar_tp", maxPercent: 100_000),
            StopLoss = Exit(json, "sl", "percentage_sl", "dollar_sl", maxPercent: 99.99m),
        };
    }

    private static ExitOverride? Exit(JsonFieldReader json, string priceField, string percentField, string dollarField, decimal maxPercent)
    {
        if (SignalFields.Positive(json, priceField, SignalFields.MaxPrice, zeroIsAbsent: true) is { } price)
            return new ExitOverride(ExitBasis.Price, price);
        if (SignalFields.Positive(json, percentField, maxPercent, zeroIsAbsent: true) is { } percent)
            return new ExitOverride(ExitBasis.Percent, percent);
        return SignalFields.Positive(json, dollarField, SignalFields.MaxPrice, zeroIsAbsent: true) is { } dollars
            ? new ExitOverride(ExitBasis.Amount, dollars)
            : null;
    }
}
