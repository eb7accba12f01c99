using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Tests.Engine.Positions;

public class PositionMathTests
{
    private static readonly InstrumentCatalog Instruments = InstrumentCatalog.FromConfiguration(null);

    private static ContractSpec Spec(string ticker) => Instruments.SpecFor(ticker);

    public static TheoryData<string, string, string, decimal, decimal, decimal, decimal, string, decimal> SingleFills => new()
    {
        // ticker, start (side qty@avg or flat), fill side, fill qty, fill price, expected realized, expected avg, expected after, closed qty
        { "MNQ1!", "long 1@21500.25", "short", 1, 21510.25m, 20m, 0m, "flat", 1 },                 // 40 ticks x $0.50
        { "MNQ1!", "long 2@21500.25", "long", 1, 21501m, 0m, 21500.5m, "long 3", 0 },              // (43000.5 + 21501) / 3
        { "ES1!", "short 2@5000", "long", 1, 4990m, 500m, 5000m, "short 1", 1 },                     // 10 points x $50
        { "ES1!", "long 2@5005", "short", 2, 5020m, 1500m, 0m, "flat", 2 },                          // 15 x 50 x 2
        { "CL1!", "long 1@70.00", "short", 3, 70.50m, 500m, 70.50m, "short 2", 1 },                  // flip: 0.50 x 1000, then short 2
        { "GC1!", "short 1@2000.0", "long", 1, 2010.3m, -1030m, 0m, "flat", 1 },                     // -10.3 x 100
        { "AAPL", "long 100@190.10", "long", 50, 189.50m, 0m, 189.90m, "long 150", 0 },              // (19010 + 9475) / 150
        { "AAPL", "long 150@189.90", "short", 150, 191.00m, 165m, 0m, "flat", 150 },                 // 1.10 x 150
        { "6E1!", "long 1@1.08000", "short", 1, 1.08050m, 62.5m, 0m, "flat", 1 },                    // 10 ticks x $6.25
        { "ZN1!", "long 1@110.015625", "short", 1, 110.5m, 484.375m, 0m, "flat", 1 },                // 31 ticks of 1/64 x $15.625
        { "MES1!", "short 3@6000.25", "long", 5, 5990.25m, 150m, 5990.25m, "long 2", 3 },            // 10 x 5 x 3, then long 2
        { "MGC1!", "flat", "short", 2, 2650.1m, 0m, 2650.1m, "short 2", 0 },
    };

    [Theory]
    [MemberData(nameof(SingleFills))]
    public void Apply_GivesHandComputedRealizedPnlAndAverage(string ticker, string start, string side, decimal qty, decimal price,
        decimal realized, decimal average, string after, decimal closed)
    {
        // Arrange
        var current = ParseState(start);
        var fillSide = side == "long" ? Side.Long : Side.Short;

        // Act
        var change = PositionMath.Apply(current, fillSide, qty, price, Spec(ticker));

        // Assert
        Assert.Equal(realized, change.RealizedPnl);
        Assert.Equal(closed, change.ClosedQuantity);
        Assert.Equal(after, Describe(change.After));
        if (change.After is { } a) Assert.Equal(average, a.AverageEntry);
    }

    [Theory]
    [InlineData(null, PositionChangeKind.Opened)]
    [InlineData("long 1@100", PositionChangeKind.Added)]
    public void Apply_NamesTheKindOfChange_ForOpenAndAdd(string? start, PositionChangeKind kind) =>
        Assert.Equal(kind, PositionMath.Apply(start is null ? null : ParseState(start), Side.Long, 1, 101m, Spec("AAPL")).Kind);

    [Theory]
    [InlineData(1, PositionChangeKind.Reduced)]
    [InlineData(2, PositionChangeKind.Closed)]
    [InlineData(3, PositionChangeKind.Flipped)]
    public void Apply_NamesTheKindOfChange_ForOpposingFills(decimal qty, PositionChangeKind kind) =>
        Assert.Equal(kind, PositionMath.Apply(ParseState("long 2@100"), Side.Short, qty, 101m, Spec("AAPL")).Kind);

    [Fact]
    public void DcaThenFlip_RealizesAgainstTheWeightedAverage()
    {
        // Arrange: MNQ long 1 @ 21500, add 3 @ 21520 -> avg 21515
        var spec = Spec("MNQ1!");
        var opened = PositionMath.Apply(null, Side.Long, 1, 21500m, spec).After;
        var added = PositionMath.Apply(opened, Side.Long, 3, 21520m, spec).After;

        // Act: sell 6 @ 21510 closes 4 and opens short 2
        var flip = PositionMath.Apply(added, Side.Short, 6, 21510m, spec);

        // Assert: (21510 - 21515) x $2 x 4 = -40
        Assert.Equal(21515m, added!.Value.AverageEntry);
        Assert.Equal(-40m, flip.RealizedPnl);
        Assert.Equal(new PositionState(Side.Short, 2, 21510m), flip.After);
    }

    [Fact]
    public void Unrealized_IsSignedBySide()
    {
        var spec = Spec("ES1!");
        Assert.Equal(-250m, PositionMath.Unrealized(new PositionState(Side.Long, 1, 5000m), 4995m, spec));
        Assert.Equal(250m, PositionMath.Unrealized(new PositionState(Side.Short, 1, 5000m), 4995m, spec));
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(-1, 100)]
    [InlineData(1, 0)]
    public void Apply_RefusesNonPositiveQuantityOrPrice(decimal qty, decimal price) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionMath.Apply(null, Side.Long, qty, price, Spec("AAPL")));

    private static PositionState? ParseState(string text)
    {
        if (text == "flat") return null;
        var parts = text.Split(' ', '@');
        return new PositionState(parts[0] == "long" ? Side.Long : Side.Short, decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Describe(PositionState? state) => state is { } s ? $"{s.Side.ToApi()} {s.Quantity:0.####}" : "flat";
}
