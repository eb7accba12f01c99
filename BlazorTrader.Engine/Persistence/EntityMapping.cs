using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Persistence;

internal static class EntityMapping
{
    public static PositionSnapshot ToSnapshot(this PositionEntity p) => new(
        p.Id, p.RecorderId, p.Ticker, p.Side, p.TotalQuantity, p.AvgEntryPrice, p.CurrentPrice, p.UnrealizedPnl,
        p.RealizedPnl, p.WorstUnrealizedPnl, p.BestUnrealizedPnl, p.Status, p.OpenedAt, p.ClosedAt);

    public static Side ParseSide(string side) => side == "long" ? Side.Long : Side.Short;

    public static PositionState? ToState(this PositionEntity? p) =>
        p is { Status: TradeStatus.Open } ? new PositionState(ParseSide(p.Side), p.TotalQuantity, p.AvgEntryPrice) : null;
}
