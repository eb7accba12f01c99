using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;
using static BlazorTrader.Tests.Engine.Signals.SignalTestData;

namespace BlazorTrader.Tests.Engine.Signals;

public class SignalDeciderTests
{
    public static TheoryData<string, string, string> Decisions => new()
    {
        // position, message -> the order ("long 2" = buy 2), "ignored", "rejected <field>" or "breakeven"
        { "flat", """{"ticker":"MNQ1!","action":"buy","price":21500}""", "long 1" },
        { "long 1@21500", """{"ticker":"MNQ1!","action":"buy","price":21500}""", "long 1" },
        { "short 10@21500", """{"ticker":"MNQ1!","action":"buy","price":21500}""", "long 1" },                        // native: one order, reduces
        { "short 10@21500", """{"ticker":"MNQ1!","action":"buy","sentiment":"bullish","quantity":2,"price":21500}""", "long 12" },
        { "short 10@21500", """{"ticker":"MNQ1!","action":"buy","sentiment":"bearish","quantity":5,"price":21500}""", "long 5" },
        { "short 10@21500", """{"ticker":"MNQ1!","action":"buy","sentiment":"bearish","quantity":15,"price":21500}""", "long 10" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"buy","sentiment":"bearish","quantity":5,"price":21500}""", "ignored" },
        { "flat", """{"ticker":"MNQ1!","action":"buy","sentiment":"flat","price":21500}""", "ignored" },
        { "short 10@21500", """{"ticker":"MNQ1!","action":"buy","sentiment":"flat","quantity":1,"price":21500}""", "long 10" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"sell","sentiment":"flat","quantity":3,"price":21500}""", "short 10" },
        { "flat", """{"ticker":"MNQ1!","action":"sell","sentiment":"flat","price":21500}""", "ignored" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"sell","sentiment":"bullish","quantity":4,"price":21500}""", "short 4" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"sell","sentiment":"bearish","price":21500}""", "short 11" },      // close 10, open the initial 1
        { "long 10@21500", """{"ticker":"MNQ1!","action":"exit","price":21500}""", "short 10" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"exit","quantity":3,"price":21500}""", "short 3" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"exit","quantity":30,"price":21500}""", "short 10" },
        { "flat", """{"ticker":"MNQ1!","action":"exit","price":21500}""", "ignored" },
        { "long 10@21500", """{"ticker":"MNQ1!","action":"close","quantity":3,"price":21500}""", "short 10" },            // close always flattens
        { "short 2@21500", """{"ticker":"MNQ1!","action":"add","price":21500}""", "short 1" },
        { "flat", """{"ticker":"MNQ1!","action":"add","price":21500}""", "ignored" },
        { "short 2@21500", """{"ticker":"MNQ1!","action":"reverse","quantity":7,"price":21500}""", "long 4" },
        { "flat", """{"ticker":"MNQ1!","action":"reverse","price":21500}""", "ignored" },
        { "long 1@21500", """{"ticker":"MNQ1!","action":"breakeven"}""", "breakeven" },
        { "flat", """{"ticker":"MNQ1!","action":"breakeven"}""", "ignored" },
        { "long 1@21500", """{"ticker":"MNQ1!","action":"cancel"}""", "ignored" },
        { "long 1@21500", """{"ticker":"MNQ1!","action":"buy","price":21500,"marketPosition":"long","positionSize":3}""", "long 2" },
        { "long 3@21500", """{"ticker":"MNQ1!","action":"buy","price":21500,"marketPosition":"long","positionSize":3}""", "ignored" },
        { "long 3@21500", """{"symbol":"MNQ1!","action":"SELL","position_size":"-2","price":21500}""", "short 5" },
        { "flat", """{"ticker":"MNQ1!","action":"buy","price":21500,"takeProfit":{"limitPrice":21490}}""", "rejected takeProfit" },
        { "flat", """{"ticker":"MNQ1!","action":"sell","price":21500,"takeProfit":{"limitPrice":21490},"stopLoss":{"stopPrice":21490}}""", "rejected stopLoss" },
        { "flat", """{"ticker":"MNQ1!","action":"sell","price":21500,"takeProfit":{"limitPrice":21490},"stopLoss":{"stopPrice":21510}}""", "short 1" },
        { "flat", """{"ticker":"MNQ1!","action":"buy","price":21500,"marketPosition":"long","positionSize":1,"stopLoss":{"stopPrice":21510}}""", "rejected stopLoss" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_GivesTheOrderThatLeavesThePositionTheSignalAsksFor(string position, string message, string expected) =>
        Assert.Equal(expected, Describe(SignalDecider.Decide(Context(message, position))));

    [Theory]
    [InlineData(SameSideSignal.Add, "long 1")]
    [InlineData(SameSideSignal.Ignore, "ignored")]
    public void SameSideSetting_DecidesABuyWhileLong(SameSideSignal setting, string expected) =>
        Assert.Equal(expected, Describe(SignalDecider.Decide(
            Context("""{"ticker":"MNQ1!","action":"buy","price":21500}""", "long 1@21500", Settings(sameSide: setting)))));

    [Fact]
    public void SameSideIgnore_DoesNotStopAnExplicitAdd_OrAnEntryFromFlat()
    {
        var ignore = Settings(sameSide: SameSideSignal.Ignore);

        Assert.Equal("long 1", Describe(SignalDecider.Decide(Context("""{"ticker":"MNQ1!","action":"add","price":21500}""", "long 1@21500", ignore))));
        Assert.Equal("long 1", Describe(SignalDecider.Decide(Context("""{"ticker":"MNQ1!","action":"buy","price":21500}""", "flat", ignore))));
        Assert.Equal("short 1", Describe(SignalDecider.Decide(Context("""{"ticker":"MNQ1!","action":"sell","price":21500}""", "long 1@21500", ignore))));
    }

    [Theory]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","sentiment":"flat","price":21500}""", "long 2@21500", "sentiment flat")]
    [InlineData("""{"ticker":"MNQ1!","action":"sell","sentiment":"bullish","price":21500}""", "flat", "only reduces a long position")]
    [InlineData("""{"ticker":"MNQ1!","action":"cancel"}""", "flat", "no working orders")]
    [InlineData("""{"ticker":"MNQ1!","action":"add","price":1}""", "flat", "no open position in MNQ1!")]
    public void IgnoredSignals_SayWhy(string message, string position, string reason) =>
        Assert.Contains(reason, SignalDecider.Decide(Context(message, position)).IgnoreReason);

    [Theory]
    [InlineData("""{"ticker":"MNQ1!","action":"buy"}""", true)]
    [InlineData("""{"ticker":"MNQ1!","action":"exit"}""", true)]
    [InlineData("""{"ticker":"MNQ1!","action":"breakeven"}""", false)]
    [InlineData("""{"ticker":"MNQ1!","action":"cancel"}""", false)]
    public void OnlySignalsThatTradeNeedAPrice(string message, bool needsPrice) =>
        Assert.Equal(needsPrice, SignalDecider.MovesQuantity(Request(message)));
}
