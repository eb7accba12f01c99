namespace BlazorTrader.Engine.Positions;

/// <summary>Direction of a position or an order. The value is the sign used in P&amp;L math.</summary>
public enum Side { Long = 1, Short = -1 }

public static class SideExtensions
{
    public static Side Opposite(this Side side) => side == Side.Long ? Side.Short : Side.Long;

    public static string ToApi(this Side side) => side == Side.Long ? "long" : "short";
}
