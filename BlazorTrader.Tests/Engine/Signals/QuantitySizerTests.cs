using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Signals;
using static BlazorTrader.Tests.Engine.Signals.SignalTestData;

namespace BlazorTrader.Tests.Engine.Signals;

public class QuantitySizerTests
{
    public static TheoryData<string, string, decimal?, string> Sizes => new()
    {
        // message, position, recorder stop (ticks) -> size or "rejected <field>" / "ignored"
        { """{"ticker":"AAPL","action":"buy","quantity":7,"price":190}""", "flat", null, "7" },
        { """{"ticker":"AAPL","action":"buy","price":190}""", "flat", null, "none" },
        { """{"ticker":"AAPL","action":"buy","quantityType":"dollar_amount","quantity":1000,"price":190}""", "flat", null, "5" },            // 5.26
        { """{"ticker":"AAPL","action":"buy","quantityType":"dollar_amount","quantity":"189.99","price":190}""", "flat", null, "rejected quantity" },
        { """{"ticker":"ES1!","action":"buy","quantityType":"dollar_amount","quantity":600000,"price":5000}""", "flat", null, "2" },       // 600000 / 250000 = 2.4
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":200,"price":21500,"stopLoss":{"stopPrice":21480}}""", "flat", null, "5" },
        { """{"ticker":"MNQ1!","action":"sell","quantityType":"risk_dollar_amount","quantity":200,"price":21500,"stopLoss":{"amount":30}}""", "flat", null, "6" },  // $30 a contract: 6.67
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":100,"price":21500}""", "flat", 8m, "25" },   // 8 ticks = $4
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":100,"price":21500}""", "flat", null, "rejected stopLoss" },
        { """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":100,"price":21500,"stopLoss":{"stopPrice":21500}}""", "flat", null, "rejected stopLoss" },
        { """{"ticker":"CL1!","action":"buy","quantityType":"risk_percent","quantity":2,"price":70,"stopLoss":{"percent":1}}""", "flat", null, "1" },   // $1000 / (0.70 x 1000) = 1.43
        { """{"ticker":"AAPL","action":"buy","quantityType":"percent_of_equity","quantity":50,"price":190}""", "flat", null, "131" },
        { """{"ticker":"AAPL","action":"exit","quantityType":"percent_of_position","quantity":50,"price":190}""", "long 5@190", null, "2" },
        { """{"ticker":"AAPL","action":"exit","quantityType":"percent_of_position","quantity":33.4,"price":190}""", "long 3@190", null, "1" },   // 1.002
        { """{"ticker":"AAPL","action":"buy","quantityType":"percent_of_position","quantity":50,"price":190}""", "flat", null, "ignored" },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Size_RoundsDownToWholeContracts(string message, string position, decimal? stopTicks, string expected)
    {
        // Arrange
        var context = Context(message, position, Settings(stopTicks));
        var side = context.Request.Action == SignalAction.Sell || context.Current is { Side: Side.Long } && context.Request.Action == SignalAction.Exit
            ? Side.Short : Side.Long;

        // Act
        var (size, refusal) = QuantitySizer.Size(context, side);

        // Assert
        Assert.Equal(expected, refusal is not null ? Describe(refusal) : size?.ToString() ?? "none");
    }

    [Theory]
    [InlineData("percent_of_equity")]
    [InlineData("risk_percent")]
    public void EquityTypes_WithoutCapital_AreRejectedNamingQuantityType(string type)
    {
        var context = Context($$$"""{"ticker":"AAPL","action":"buy","quantityType":"{{{type}}}","quantity":1,"price":190,"stopLoss":{"percent":1}}""",
            settings: Settings(capital: null));

        var (_, refusal) = QuantitySizer.Size(context, Side.Long);

        Assert.Equal("quantityType", refusal?.Rejection?.Field);
        Assert.Contains("capital", refusal!.Rejection!.Message);
    }

    [Fact]
    public void RoundingToZero_SaysWhatItSizedTo()
    {
        var context = Context("""{"ticker":"MNQ1!","action":"buy","quantityType":"dollar_amount","quantity":100,"price":21500}""");

        var (_, refusal) = QuantitySizer.Size(context, Side.Long);

        Assert.Contains("rounds down to 0", refusal?.Rejection?.Message);
    }
}
