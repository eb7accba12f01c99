using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Scheduling.Strategies;

namespace BlazorTrader.Tests.Engine.Scheduling;

public class StrategyOrderBuilderTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.FromConfiguration(null);

    [Theory]
    [InlineData(OrderAction.Buy, PriceUnits.Ticks, 40, 20, 21510, 21495)]
    [InlineData(OrderAction.Sell, PriceUnits.Ticks, 40, 20, 21490, 21505)]
    [InlineData(OrderAction.Buy, PriceUnits.Points, 12.3, 5, 21512.25, 21495)]   // rounded to the 0.25 tick
    [InlineData(OrderAction.Buy, PriceUnits.Percent, 1, 0.5, 21715, 21392.5)]
    public void Bracket_IsPlacedAroundTheLastPrice_OnTheStrategysSide(OrderAction side, PriceUnits units, double tp, double sl, double expectedTp, double expectedSl)
    {
        // Arrange
        var strategy = Strategy(side, units, (decimal)tp, (decimal)sl);

        // Act
        var result = StrategyOrderBuilder.Entry(strategy, Catalog.SpecFor("MNQ1!"), "sched:1:2026-11-20:entry", 21500m, null);

        // Assert
        Assert.Null(result.Problem);
        Assert.Equal(((decimal)expectedTp, (decimal)expectedSl), (result.Ticket!.Bracket!.TakeProfitPrice!.Value, result.Ticket.Bracket.StopLossPrice!.Value));
        Assert.Equal(("sched:1:2026-11-20:entry", "scheduled", 2m, side), (result.Ticket.IdempotencyKey, result.Ticket.Source, result.Ticket.Quantity, result.Ticket.Action));
    }

    [Fact]
    public void CapitalPercent_SizesWholeContractsFromNetLiquidation()
    {
        // Arrange: 50% of 100,000 at ES 5000 x 50 = 250,000 per contract -> 0; at MES (x5) 25,000 -> 2
        var strategy = Strategy(OrderAction.Buy, PriceUnits.Ticks, null, null);
        strategy.Sizing = StrategySizing.CapitalPercent;
        strategy.Size = 50;

        // Act
        var es = StrategyOrderBuilder.Entry(strategy, Catalog.SpecFor("ES1!"), "k", 5000m, 100_000m);
        var mes = StrategyOrderBuilder.Entry(strategy, Catalog.SpecFor("MES1!"), "k", 5000m, 100_000m);
        var noPrice = StrategyOrderBuilder.Entry(strategy, Catalog.SpecFor("MES1!"), "k", null, 100_000m);

        // Assert
        Assert.Null(es.Ticket);
        Assert.Contains("less than one contract", es.Problem);
        Assert.Equal(2m, mes.Ticket!.Quantity);
        Assert.Contains("no price", noPrice.Problem);
    }

    [Fact]
    public void PlainQuantityWithoutBracket_NeedsNoPrice()
    {
        var result = StrategyOrderBuilder.Entry(Strategy(OrderAction.Sell, PriceUnits.Ticks, null, null), Catalog.SpecFor("ES1!"), "k", null, null);

        Assert.Equal((2m, (Bracket?)null, (decimal?)null), (result.Ticket!.Quantity, result.Ticket.Bracket, result.Ticket.ReferencePrice));
    }

    private static ScheduledStrategyEntity Strategy(OrderAction side, PriceUnits units, decimal? tp, decimal? sl) => new()
    {
        Id = 1, Name = "s", AccountId = 1, Ticker = "MNQ1!", Side = side, Sizing = StrategySizing.Quantity, Size = 2,
        EntryTime = new TimeOnly(9, 45), ExitUnits = units, TakeProfit = tp, StopLoss = sl, Enabled = true,
    };
}
