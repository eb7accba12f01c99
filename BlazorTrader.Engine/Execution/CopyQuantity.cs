using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Copy-trading sizes. An account follows its recorder's position, not its orders: its target is the recorder's
/// position times the multiplier, rounded DOWN (toward zero) to whole contracts. Rounding the position rather than
/// each order means adds are not lost (0.5 x 1 = 0, then 0.5 x 2 = 1), a close always goes to exactly flat, and a
/// multiplier never makes an account bigger than its share. A target that rounds to 0 sends nothing.
/// </summary>
public static class CopyQuantity
{
    /// <summary>Signed whole-contract target for an account following <paramref name="recorder"/> with <paramref name="multiplier"/>.</summary>
    public static decimal Target(PositionState? recorder, decimal multiplier)
    {
        if (recorder is not { } p || multiplier <= 0) return 0;
        return (int)p.Side * decimal.Floor(p.Quantity * multiplier);
    }

    /// <summary>
    /// The signed order that moves <paramref name="expected"/> (book plus unfilled orders) to <paramref name="target"/>,
    /// and whether any of it opens or adds (an entry).
    /// </summary>
    public static (decimal Order, bool IsEntry, decimal ClosingPart) Order(decimal expected, decimal target)
    {
        var order = target - expected;
        var crosses = expected != 0 && target != 0 && Math.Sign(expected) != Math.Sign(target);
        var isEntry = order != 0 && (crosses || Math.Abs(target) > Math.Abs(expected));
        var closing = crosses || target == 0 ? -expected : Math.Abs(target) < Math.Abs(expected) ? order : 0;
        return (order, isEntry, closing);
    }
}
