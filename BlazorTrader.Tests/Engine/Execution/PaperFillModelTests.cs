using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Tests.Engine.Execution;

public class PaperFillModelTests
{
    private static readonly ContractSpec Mnq = new("MNQ", InstrumentKind.Future, "CME", "CME_MINI", 0.25m, 2m);

    [Theory]
    [InlineData(OrderAction.Buy, 21500.50)]
    [InlineData(OrderAction.Sell, 21499.50)]
    public void Market_FillsAtTheQuote_WithSlippageAgainstTheTrader(OrderAction action, decimal expected) =>
        Assert.Equal(expected, PaperFillModel.Decide(OrderType.Market, action, 21500m, null, null, 21000m, Mnq, 2).Price);

    [Fact]
    public void Market_WithoutQuote_FillsAtTheOrdersPrice_OrIsRejected()
    {
        Assert.Equal(21000m, PaperFillModel.Decide(OrderType.Market, OrderAction.Buy, null, null, null, 21000m, Mnq, 0).Price);
        Assert.NotNull(PaperFillModel.Decide(OrderType.Market, OrderAction.Buy, null, null, null, null, Mnq, 0).RejectReason);
    }

    [Fact]
    public void Limit_WaitsUntilMarketable_AndSlippageNeverPassesTheLimit()
    {
        Assert.False(PaperFillModel.Decide(OrderType.Limit, OrderAction.Buy, 21500m, 21490m, null, null, Mnq, 0).Fills);
        Assert.Equal(21490m, PaperFillModel.Decide(OrderType.Limit, OrderAction.Buy, 21489.75m, 21490m, null, null, Mnq, 4).Price);
    }

    [Fact]
    public void Stop_TriggersOnlyWhenTouched()
    {
        Assert.False(PaperFillModel.Decide(OrderType.Stop, OrderAction.Sell, 21495m, null, 21490m, null, Mnq, 0).Fills);
        Assert.Equal(21489.75m, PaperFillModel.Decide(OrderType.Stop, OrderAction.Sell, 21490m, null, 21490m, null, Mnq, 1).Price);
        Assert.False(PaperFillModel.Decide(OrderType.Stop, OrderAction.Sell, null, null, 21490m, null, Mnq, 0).Fills);   // no quote, no trigger
    }

    [Fact]
    public void RestingLimit_ThePriceCrossedIt_FillsAtTheLimit_NotAtTheBetterQuote()
    {
        // A sell target resting at 21502.50; the next quote is 21502.75: a venue gives the limit's price.
        var resting = PaperFillModel.Decide(OrderType.Limit, OrderAction.Sell, 21502.75m, 21502.5m, null, null, Mnq, 0, opening: false);
        var opening = PaperFillModel.Decide(OrderType.Limit, OrderAction.Sell, 21502.75m, 21502.5m, null, null, Mnq, 0, opening: true);

        Assert.Equal(21502.5m, resting.Price);
        Assert.Equal(21502.75m, opening.Price);   // marketable as it started working (or at a session's open): the better quote
    }

    [Fact]
    public void Stop_JumpedPast_FillsAtTheWorseQuote()
    {
        Assert.Equal(21493.5m, PaperFillModel.Decide(OrderType.Stop, OrderAction.Sell, 21493.5m, null, 21495m, null, Mnq, 0, opening: false).Price);
    }
}
