using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;
using OrderType = BlazorTrader.Engine.Signals.OrderType;
using static BlazorTrader.Tests.Engine.Signals.SignalTestData;

namespace BlazorTrader.Tests.Engine.Signals;

/// <summary>Each dialect is recognised from its fields and mapped onto the one <see cref="SignalRequest"/>.</summary>
public class DialectParsingTests
{
    [Theory]
    [InlineData("""{"action":"buy","ticker":"MNQ1!"}""", "native")]
    [InlineData("""{"action":"exit","ticker":"MNQ1!","quantity":1}""", "native")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","sentiment":"long"}""", "traderspost")]
    [InlineData("""{"action":"add","ticker":"MNQ1!"}""", "traderspost")]
    [InlineData("""{"action":"breakeven","ticker":"MNQ1!"}""", "traderspost")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","extras":{"a":1}}""", "traderspost")]
    [InlineData("""{"data":"buy","symbol":"MNQ1!"}""", "pickmytrade")]
    [InlineData("""{"action":"BUY","symbol":"MNQ1!","position_size":1}""", "openalgo")]
    [InlineData("""{"ticker":"MNQ1!","strategy":{"order_action":"buy"}}""", "tradingview")]
    public void Dialect_IsRecognisedFromTheFieldsPresent(string json, string dialect) =>
        Assert.Equal(dialect, Request(json).Dialect);

    [Fact]
    public void TradersPost_MapsEveryField()
    {
        var r = Request("""
            {"ticker":"NASDAQ:AAPL","action":"sell","sentiment":"bearish","quantity":"2500.50","quantityType":"dollar_amount",
             "signalPrice":"190.12","orderType":"stop_limit","limitPrice":"189.9","stopPrice":"190","time":"2026-11-20T14:45:00Z",
             "takeProfit":{"percent":"2"},"stopLoss":{"type":"trailing_stop","trailAmount":"1.5"},"extras":{"setup":"orb"},"unknown":[1,2]}
            """);

        Assert.Equal((SignalAction.Sell, Sentiment.Bearish, QuantityType.DollarAmount), (r.Action, r.Sentiment, r.QuantityType));
        Assert.Equal("AAPL", r.Ticker.Symbol);
        Assert.Equal(2500.50m, r.Quantity);   // an amount, not contracts: fractions allowed
        Assert.Equal(190.12m, r.Price);
        Assert.Equal(new OrderInstruction(OrderType.StopLimit, 189.9m, 190m), r.Order);
        Assert.Equal(new ExitOverride(ExitBasis.Percent, 2), r.TakeProfit);
        Assert.Equal(new ExitOverride(ExitBasis.Amount, 1.5m), r.StopLoss);
        Assert.Equal("trailing_stop", r.StopLossType);
        Assert.Equal("""{"setup":"orb"}""", r.Extras);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 45, 0, TimeSpan.Zero), r.AlertTime);
    }

    [Theory]
    [InlineData("""{"ticker":"AAPL","action":"buy","orderType":"limit","limitPrice":"189.5"}""", 189.5)]
    [InlineData("""{"ticker":"AAPL","action":"buy","orderType":"stop","stopPrice":"191"}""", 191)]
    [InlineData("""{"ticker":"AAPL","action":"buy","price":"190","orderType":"limit","limitPrice":"189.5"}""", 190)]
    public void TradersPost_WithoutASignalPrice_UsesTheOrdersOwnPrice(string json, decimal price) =>
        Assert.Equal(price, Request(json).Price);

    [Fact]
    public void PickMyTrade_ZeroMeansNotSet_AndThePriceFieldWinsOverPercentAndDollars()
    {
        var r = Request("""{"symbol":"ES1!","data":"sell","quantity":"3","price":"5000","tp":"4990","sl":0,"percentage_tp":1,"percentage_sl":"0","dollar_sl":"125"}""");

        Assert.Equal(("pickmytrade", SignalAction.Sell, 3m, 5000m), (r.Dialect, r.Action, r.Quantity!.Value, r.Price!.Value));
        Assert.Equal(new ExitOverride(ExitBasis.Price, 4990), r.TakeProfit);
        Assert.Equal(new ExitOverride(ExitBasis.Amount, 125), r.StopLoss);
    }

    [Theory]
    [InlineData("close", SignalAction.Close)]
    [InlineData("BUY", SignalAction.Buy)]
    [InlineData("Sell", SignalAction.Sell)]
    public void PickMyTrade_DataIsTheAction(string data, SignalAction action) =>
        Assert.Equal(action, Request($$"""{"symbol":"MNQ1!","data":"{{data}}"}""").Action);

    [Theory]
    [InlineData("\"3\"", "long", 3)]
    [InlineData("-2", "short", 2)]
    [InlineData("\"0\"", "flat", 0)]
    public void OpenAlgo_PositionSizeIsTheSignedTarget(string size, string side, decimal quantity)
    {
        var target = Request($$"""{"symbol":"MNQ1!","action":"SELL","position_size":{{size}}}""").Target;

        Assert.Equal(side, target!.Value.Side?.ToApi() ?? "flat");
        Assert.Equal(quantity, target.Value.Size);
    }

    [Fact]
    public void OpenAlgo_WithoutPositionSize_IsAPlainOrder()
    {
        var r = Request("""{"symbol":"AAPL","action":"BUY","quantity":"10","strategy":"momentum"}""");

        Assert.Null(r.Target);
        Assert.Equal((SignalAction.Buy, 10m, "momentum"), (r.Action, r.Quantity!.Value, r.Comment));
    }

    [Fact]
    public void NestedStrategy_MapsOrderAndTarget()
    {
        var r = Request("""
            {"ticker":"CME_MINI:MNQ1!","time":"1763649900000","strategy":{"order_action":"sell","order_contracts":"2","order_price":"21500.30",
             "market_position":"short","position_size":"2","order_id":"Short Entry","order_comment":"breakout"}}
            """);

        Assert.Equal(("tradingview", SignalAction.Sell, "MNQ1!"), (r.Dialect, r.Action, r.Ticker.Symbol));
        Assert.Equal((2m, 21500.30m), (r.Quantity!.Value, r.Price!.Value));
        Assert.Equal(new TargetPosition(Side.Short, 2), r.Target);
        Assert.Equal(("Short Entry", "breakout"), (r.OrderId, r.Comment));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763649900000), r.AlertTime);   // {{timenow}} as Unix ms also works
    }

    [Theory]
    [InlineData("""{"ticker":"ES1!","action":"buy","takeProfit":{"limitPrice":"5010"}}""", ExitBasis.Price, 5010)]
    [InlineData("""{"ticker":"ES1!","action":"buy","takeProfit":{"amount":"250"}}""", ExitBasis.Amount, 250)]
    [InlineData("""{"ticker":"ES1!","action":"buy","takeProfit":{"percent":150}}""", ExitBasis.Percent, 150)]
    public void TakeProfit_TakesPriceOrPercentOrAmount(string json, ExitBasis basis, decimal value) =>
        Assert.Equal(new ExitOverride(basis, value), Request(json).TakeProfit);

    [Theory]
    [InlineData("""{"ticker":"ES1!","action":"buy","quantityType":"risk_percent","quantity":101}""", "quantity")]
    [InlineData("""{"ticker":"ES1!","action":"buy","quantity":"1.5"}""", "quantity")]
    [InlineData("""{"ticker":"ES1!","action":"buy","takeProfit":"5010"}""", "takeProfit")]
    [InlineData("""{"ticker":"ES1!","action":"buy","stopLoss":{"percent":"1e400"}}""", "stopLoss.percent")]
    [InlineData("""{"ticker":"ES1!","action":"buy","orderType":"market","limitPrice":"-1"}""", "limitPrice")]
    [InlineData("""{"ticker":"ES1!","strategy":{"order_action":"buy","position_size":"2"},"price":"x"}""", "price")]
    [InlineData("""{"ticker":"ES1!","strategy":"buy"}""", "action")]
    public void BadFields_AreNamed(string json, string field)
    {
        var (request, error) = Parser.Parse(json);

        Assert.Null(request);
        Assert.Equal(field, error?.Field);
    }
}
