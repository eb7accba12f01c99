using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Tests.Engine.Recorders;

public class ExitLevelsTests
{
    private static readonly InstrumentCatalog Instruments = InstrumentCatalog.FromConfiguration(null);

    public static TheoryData<string, string, decimal, PriceUnits, decimal[], PriceUnits, decimal, decimal[], decimal?> Cases => new()
    {
        // ticker, side, entry, tp units, tp values, sl units, sl amount, expected tp prices, expected sl
        { "MNQ1!", "long", 21500.25m, PriceUnits.Ticks, [10, 20], PriceUnits.Ticks, 8, [21502.75m, 21505.25m], 21498.25m },
        { "MNQ1!", "short", 21500.25m, PriceUnits.Ticks, [10, 20], PriceUnits.Ticks, 8, [21497.75m, 21495.25m], 21502.25m },
        { "ES1!", "long", 5000m, PriceUnits.Points, [5, 10], PriceUnits.Points, 3, [5005m, 5010m], 4997m },
        { "CL1!", "long", 70.00m, PriceUnits.Percent, [1], PriceUnits.Percent, 0.5m, [70.70m], 69.65m },
        { "CL1!", "short", 70.00m, PriceUnits.Ticks, [25], PriceUnits.Ticks, 10, [69.75m], 70.10m },
        { "GC1!", "short", 2000.0m, PriceUnits.Percent, [1.5m], PriceUnits.Percent, 0.25m, [1970.0m], 2005.0m },
        { "GC1!", "long", 2000.0m, PriceUnits.Ticks, [15], PriceUnits.Points, 2.5m, [2001.5m], 1997.5m },
        { "AAPL", "long", 190.10m, PriceUnits.Percent, [2], PriceUnits.Percent, 1, [193.90m], 188.20m },   // 193.902 and 188.199 rounded to the cent
        { "ZN1!", "long", 110.5m, PriceUnits.Ticks, [4], PriceUnits.Ticks, 2, [110.5625m], 110.46875m },      // ticks of 1/64
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void For_PlacesTargetsAndStopFromTheContractSpec(string ticker, string side, decimal entry, PriceUnits tpUnits, decimal[] tpValues,
        PriceUnits slUnits, decimal slAmount, decimal[] expectedTps, decimal? expectedSl)
    {
        // Arrange
        var trim = 100m / tpValues.Length;
        var settings = new RecorderSettings(1, 1, tpUnits, tpValues.Select(v => new TakeProfitTarget(v, trim)).ToList(), true, slAmount, slUnits);

        // Act
        var levels = ExitLevels.For(settings, Instruments.SpecFor(ticker), side == "long" ? Side.Long : Side.Short, entry);

        // Assert
        Assert.Equal(expectedTps, levels.TakeProfits.Select(t => t.Price));
        Assert.All(levels.TakeProfits, t => Assert.Equal(trim, t.Trim));
        Assert.Equal(expectedSl, levels.StopLoss);
    }

    [Fact]
    public void For_HasNoStop_WhenStopLossIsDisabled()
    {
        var settings = new RecorderSettings(1, 1, PriceUnits.Ticks, [], false, 8, PriceUnits.Ticks);
        Assert.Null(ExitLevels.For(settings, Instruments.SpecFor("MNQ1!"), Side.Long, 21500m).StopLoss);
    }

    [Fact]
    public void SpxOptionLevels_UseTheTickOfThePriceTheyLandOn()
    {
        // SPXW ticks 0.05 below 3.00 and 0.10 from 3.00: 2.80 + 10% = 3.08 -> 3.10; 2.80 - 10% = 2.52 -> 2.50
        var spec = Instruments.SpecFor("SPXW261120C05900000");
        Assert.Equal(3.10m, ExitLevels.Level(spec, 2.80m, +1, 10, PriceUnits.Percent));
        Assert.Equal(2.50m, ExitLevels.Level(spec, 2.80m, -1, 10, PriceUnits.Percent));
    }
}
