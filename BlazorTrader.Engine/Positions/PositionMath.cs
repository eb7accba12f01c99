using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Engine.Positions;

/// <summary>A net position: side, size (always positive) and quantity-weighted average entry.</summary>
public readonly record struct PositionState(Side Side, decimal Quantity, decimal AverageEntry);

public enum PositionChangeKind { Opened, Added, Reduced, Closed, Flipped }

/// <summary>
/// What one fill did to a position. <see cref="ClosedQuantity"/> left the old position at
/// <see cref="ExitPrice"/> for <see cref="RealizedPnl"/>; <see cref="OpenedQuantity"/> entered on
/// <see cref="After"/>'s side. <see cref="After"/> is null when the position is flat.
/// </summary>
public sealed record PositionChange(
    PositionChangeKind Kind,
    PositionState? Before,
    PositionState? After,
    decimal ClosedQuantity,
    decimal OpenedQuantity,
    decimal ExitPrice,
    decimal RealizedPnl);

/// <summary>Pure position aggregation: open, add (DCA), reduce, close, flip.</summary>
public static class PositionMath
{
    public static PositionChange Apply(PositionState? current, Side side, decimal quantity, decimal price, ContractSpec spec)
    {
        if (quantity <= 0) throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Quantity must be positive.");
        if (price <= 0) throw new ArgumentOutOfRangeException(nameof(price), price, "Price must be positive.");

        if (current is not { } pos)
        {
            return new PositionChange(PositionChangeKind.Opened, null, new PositionState(side, quantity, price), 0, quantity, 0, 0);
        }

        if (pos.Side == side)
        {
            var total = pos.Quantity + quantity;
            var average = (pos.AverageEntry * pos.Quantity + price * quantity) / total;
            return new PositionChange(PositionChangeKind.Added, pos, new PositionState(side, total, average), 0, quantity, 0, 0);
        }

        var closed = Math.Min(pos.Quantity, quantity);
        var pnl = spec.PnL(pos.AverageEntry, price, closed, (int)pos.Side);
        var remainder = quantity - closed;
        if (pos.Quantity > quantity)
        {
            return new PositionChange(PositionChangeKind.Reduced, pos, pos with { Quantity = pos.Quantity - quantity }, closed, 0, price, pnl);
        }

        return remainder == 0
            ? new PositionChange(PositionChangeKind.Closed, pos, null, closed, 0, price, pnl)
            : new PositionChange(PositionChangeKind.Flipped, pos, new PositionState(side, remainder, price), closed, remainder, price, pnl);
    }

    public static decimal Unrealized(PositionState position, decimal price, ContractSpec spec) =>
        spec.PnL(position.AverageEntry, price, position.Quantity, (int)position.Side);
}
