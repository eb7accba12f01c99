using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;
using static BlazorTrader.Tests.Engine.Signals.SignalTestData;

namespace BlazorTrader.Tests.Engine.Signals;

public class ExitOverrideTests
{
    [Theory]
    // ticker, side, entry, basis, value -> take profit, stop loss
    [InlineData("MNQ1!", "long", 21500, ExitBasis.Amount, 20, 21510, 21490)]     // $20 / $2 a point = 10 points
    [InlineData("MNQ1!", "short", 21500, ExitBasis.Amount, 20, 21490, 21510)]
    [InlineData("ES1!", "long", 5000, ExitBasis.Percent, 0.1, 5005, 4995)]
    [InlineData("AAPL", "long", 190.10, ExitBasis.Amount, 1.5, 191.60, 188.60)]  // a share: dollars are points
    [InlineData("MNQ1!", "long", 21500, ExitBasis.Price, 21510.1, 21510, 21510)] // prices round to the tick
    [InlineData("CL1!", "short", 70, ExitBasis.Percent, 1, 69.30, 70.70)]
    public void Override_PlacesTheLevelFromTheEntry(string ticker, string side, decimal entry, ExitBasis basis, decimal value, decimal tp, decimal sl)
    {
        var spec = SignalTestData.Instruments.SpecFor(ticker);
        var s = side == "long" ? Side.Long : Side.Short;
        var exit = new ExitOverride(basis, value);

        Assert.Equal((tp, sl), (exit.TakeProfitFor(spec, s, entry), exit.StopLossFor(spec, s, entry)));
    }

    [Fact]
    public void Overrides_ReplaceTheRecordersTargetsWithOneForTheWholeEntry_AndItsStop()
    {
        var settings = new RecorderSettings(1, 1, PriceUnits.Ticks, [new(10, 50), new(20, 50)], true, 8, PriceUnits.Ticks);
        var spec = SignalTestData.Instruments.SpecFor("MNQ1!");

        var recorders = ExitLevels.For(settings, spec, Side.Long, 21500, null, null);
        var overridden = ExitLevels.For(settings, spec, Side.Long, 21500, new ExitOverride(ExitBasis.Price, 21520), new ExitOverride(ExitBasis.Amount, 10));
        var stopOnly = ExitLevels.For(settings, spec, Side.Long, 21500, null, new ExitOverride(ExitBasis.Percent, 0.1m));

        Assert.Equal([21502.5m, 21505m], recorders.TakeProfits.Select(t => t.Price));
        Assert.Equal([new TakeProfitLevel(21520, 100)], overridden.TakeProfits);
        Assert.Equal(21495m, overridden.StopLoss);
        Assert.Equal(2, stopOnly.TakeProfits.Count);
        Assert.Equal(21478.5m, stopOnly.StopLoss);
    }
}
