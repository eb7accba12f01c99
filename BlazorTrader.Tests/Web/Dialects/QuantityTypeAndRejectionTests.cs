using System.Net;

namespace BlazorTrader.Tests.Web.Dialects;

/// <summary>TradersPost quantity types with hand-computed sizes, and every refused message leaving the position as it was.</summary>
public class QuantityTypeAndRejectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Capital $50,000; stop loss 8 ticks unless the case turns it off.</summary>
    private static object Recorder(bool stop = true, decimal? capital = 50_000) => new
    {
        name = "sizing", initialPositionSize = 1, addPositionSize = 1, slEnabled = stop, slAmount = 8, slUnits = "Ticks", capital,
    };

    public static TheoryData<string, string> Sizes => new()
    {
        // message -> open position
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"fixed_quantity","quantity":"3","signalPrice":21500}""", "long 3@21500" },
        // $1,000 / $190 a share = 5.26 -> 5
        { """{"ticker":"AAPL","action":"buy","quantityType":"dollar_amount","quantity":"1000","signalPrice":"190"}""", "long 5@190" },
        // $100,000 / (21500 x $2) = 2.33 -> 2
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"dollar_amount","quantity":100000,"signalPrice":21500}""", "long 2@21500" },
        // $200 / (20 points x $2) = 5
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":200,"signalPrice":21500,"stopLoss":{"stopPrice":21480}}""", "long 5@21500" },
        // $300 / $250 (stop amount $250 a contract = 5 ES points) = 1.2 -> 1
        { """{"ticker":"ES1!","action":"sell","quantityType":"risk_dollar_amount","quantity":300,"signalPrice":5000,"stopLoss":{"amount":250}}""", "short 1@5000" },
        // the recorder's stop: 8 ticks = 2 points x $2 = $4 a contract; $100 / $4 = 25
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":100,"signalPrice":21500}""", "long 25@21500" },
        // 1% of $50,000 = $500; stop 0.1% of 21500 = 21.5 points x $2 = $43; 500 / 43 = 11.6 -> 11
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_percent","quantity":"1","signalPrice":21500,"stopLoss":{"percent":"0.1"}}""", "long 11@21500" },
        // 50% of $50,000 = $25,000 / $190 = 131.6 -> 131
        { """{"ticker":"AAPL","action":"buy","quantityType":"percent_of_equity","quantity":50,"signalPrice":190}""", "long 131@190" },
        // 2.5% of $50,000 = $1,250 / $190 = 6.58 -> 6
        { """{"ticker":"AAPL","action":"buy","quantityType":"percent_of_equity","quantity":2.5,"signalPrice":190}""", "long 6@190" },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task QuantityType_SizesToTheHandComputedWholeQuantity(string message, string expected)
    {
        var (id, path) = await app.CreateRecorderAsync(Recorder());
        using var client = app.ApiClient();

        var (status, _) = await client.SendOkAsync(path, message);

        Assert.Equal("accepted", status);
        Assert.Equal(expected, await client.OpenPositionAsync(id));
    }

    [Theory]
    [InlineData("50", "long 3@190")]     // 50% of 5 = 2.5 -> 2 exit
    [InlineData("100", "flat")]
    [InlineData("10", null)]             // 0.5 -> 0: rejected
    public async Task PercentOfPosition_ExitsThatShareOfTheHeldQuantity(string percent, string? expected)
    {
        var (id, path) = await app.CreateRecorderAsync(Recorder());
        using var client = app.ApiClient();
        await client.SendOkAsync(path, """{"action":"buy","ticker":"AAPL","price":190,"quantity":5}""");

        var (status, _) = await client.PostWebhookAsync(path,
            $$"""{"ticker":"AAPL","action":"exit","quantityType":"percent_of_position","quantity":"{{percent}}","signalPrice":191}""");

        Assert.Equal(expected is null ? HttpStatusCode.BadRequest : HttpStatusCode.OK, status);
        Assert.Equal(expected ?? "long 5@190", await client.OpenPositionAsync(id));
    }

    public static TheoryData<object, string, string> EngineRejections => new()
    {
        // recorder, message -> the field the 400 names
        { Recorder(stop: false), """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":200,"signalPrice":21500}""", "stopLoss" },
        { Recorder(stop: false), """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_percent","quantity":1,"signalPrice":21500}""", "stopLoss" },
        { Recorder(capital: null), """{"ticker":"AAPL","action":"buy","quantityType":"percent_of_equity","quantity":10,"signalPrice":190}""", "quantityType" },
        { Recorder(capital: null), """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_percent","quantity":1,"signalPrice":21500}""", "quantityType" },
        // $100 / $43,000 = 0.002 -> 0
        { Recorder(), """{"ticker":"MNQ1!","action":"buy","quantityType":"dollar_amount","quantity":100,"signalPrice":21500}""", "quantity" },
        // 10% of $50,000 / (5000 x $50) = 0.02 -> 0
        { Recorder(), """{"ticker":"ES1!","action":"buy","quantityType":"percent_of_equity","quantity":10,"signalPrice":5000}""", "quantity" },
        { Recorder(), """{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"takeProfit":{"limitPrice":21400}}""", "takeProfit" },
        { Recorder(), """{"ticker":"MNQ1!","action":"sell","signalPrice":21500,"stopLoss":{"stopPrice":21400}}""", "stopLoss" },
    };

    [Theory]
    [MemberData(nameof(EngineRejections))]
    public async Task RefusedByTheEngine_Is400NamingTheField_AndLeavesThePositionUntouched(object recorder, string message, string field)
    {
        // Arrange: an open position the refusal must not touch
        var (id, path) = await app.CreateRecorderAsync(recorder);
        using var client = app.ApiClient();
        await client.SendOkAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21490,"quantity":2}""");

        // Act
        var (status, body) = await client.PostWebhookAsync(path, message);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {body}");
        Assert.Equal("long 2@21490", await client.OpenPositionAsync(id));
        Assert.Equal(1, await client.SignalCountAsync(id));
    }

    [Theory]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","quantityType":"lots","quantity":1}""", "quantityType")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","sentiment":"sideways","signalPrice":1}""", "sentiment")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":"{{close}}"}""", "signalPrice")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":"Infinity"}""", "signalPrice")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":0}""", "signalPrice")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"quantity":"-2"}""", "quantity")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"quantityType":"dollar_amount","quantity":"0"}""", "quantity")]
    [InlineData("""{"ticker":"MNQ1!","action":"exit","signalPrice":21500,"quantityType":"percent_of_position","quantity":150}""", "quantity")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"orderType":"limit"}""", "limitPrice")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"orderType":"stop_limit","limitPrice":21501}""", "stopPrice")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"orderType":"iceberg"}""", "orderType")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"takeProfit":{"percent":"abc"}}""", "takeProfit.percent")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"takeProfit":{}}""", "takeProfit")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"stopLoss":{"type":"stop"}}""", "stopLoss")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"stopLoss":5}""", "stopLoss")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"stopLoss":{"percent":100}}""", "stopLoss.percent")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","signalPrice":21500,"stopLoss":{"amount":"-3"}}""", "stopLoss.amount")]
    [InlineData("""{"symbol":"MNQ1!","data":"hold","price":21500}""", "data")]
    [InlineData("""{"symbol":"MNQ1!","data":"buy","price":21500,"sl":-5}""", "sl")]
    [InlineData("""{"symbol":"MNQ1!","data":"buy","price":21500,"dollar_tp":"lots"}""", "dollar_tp")]
    [InlineData("""{"symbol":"MNQ1!","data":"buy","price":"NaN"}""", "price")]
    [InlineData("""{"data":"buy","symbol":"","price":21500}""", "symbol")]
    [InlineData("""{"symbol":"MNQ1!","action":"BUY","position_size":"1.5","price":21500}""", "position_size")]
    [InlineData("""{"symbol":"MNQ1!","action":"BUY","position_size":"abc","price":21500}""", "position_size")]
    [InlineData("""{"symbol":"MNQ1!","action":"HOLD","position_size":1,"price":21500}""", "action")]
    [InlineData("""{"ticker":"ES1!","strategy":{"order_action":"buy","order_contracts":"Infinity","order_price":5000}}""", "strategy.order_contracts")]
    [InlineData("""{"ticker":"ES1!","strategy":{"order_contracts":1,"order_price":5000}}""", "strategy.order_action")]
    [InlineData("""{"ticker":"ES1!","strategy":{"order_action":"buy","order_price":"-1"}}""", "strategy.order_price")]
    [InlineData("""{"ticker":"ES1!","strategy":{"order_action":"buy","order_price":5000,"market_position":"up","position_size":1}}""", "strategy.market_position")]
    [InlineData("""{"strategy":{"order_action":"buy","order_price":5000}}""", "ticker")]
    public async Task InvalidDialectField_Is400NamingIt_AndLeavesThePositionUntouched(string message, string field)
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync(Recorder());
        using var client = app.ApiClient();
        await client.SendOkAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21490,"quantity":2}""");

        // Act
        var (status, body) = await client.PostWebhookAsync(path, message);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {body}");
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal("long 2@21490", await client.OpenPositionAsync(id));
        Assert.Equal(1, await client.SignalCountAsync(id));
    }

    [Fact]
    public async Task NotJson_AsTextPlain_Is400WithAHintToSendJson()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (status, body) = await client.PostWebhookAsync(path, "ticker=MNQ1! action=buy", "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("JSON", body.GetProperty("detail").GetString());
    }
}
