using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Tests.Engine.Execution;

public class CopyQuantityTests
{
    [Theory]
    [InlineData(3, 1, 3)]
    [InlineData(3, 2, 6)]
    [InlineData(3, 0.5, 1)]     // 1.5 rounds down
    [InlineData(1, 0.5, 0)]     // rounds to nothing: no order
    [InlineData(5, 0.33, 1)]
    public void Target_IsTheRecorderPositionTimesTheMultiplier_RoundedDown(decimal recorder, decimal multiplier, decimal expected)
    {
        Assert.Equal(expected, CopyQuantity.Target(new PositionState(Side.Long, recorder, 100), multiplier));
        Assert.Equal(-expected, CopyQuantity.Target(new PositionState(Side.Short, recorder, 100), multiplier));
    }

    [Fact]
    public void Target_OfAFlatRecorder_IsFlat() => Assert.Equal(0, CopyQuantity.Target(null, 2));

    [Theory]
    [InlineData(0, 2, 2, true, 0)]      // open
    [InlineData(2, 3, 1, true, 0)]      // add
    [InlineData(3, 1, -2, false, -2)]   // reduce
    [InlineData(2, 0, -2, false, -2)]   // close
    [InlineData(2, -1, -3, true, -2)]   // flip: 2 of the 3 close
    public void Order_MovesExpectedToTarget_AndSaysWhatPartCloses(decimal expected, decimal target, decimal order, bool entry, decimal closing) =>
        Assert.Equal((order, entry, closing), CopyQuantity.Order(expected, target));
}
