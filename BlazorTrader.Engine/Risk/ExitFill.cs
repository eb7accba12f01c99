using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Engine.Risk;

public enum ExitKind { TakeProfit, StopLoss, TrailingStop, BreakEvenStop }

/// <summary>A decision taken on a tick: close <see cref="Quantity"/> of a trade at <see cref="Price"/>.</summary>
public readonly record struct ExitFill(
    long PositionId,
    long TradeId,
    ExitKind Kind,
    int TargetIndex,
    decimal Level,
    decimal Quantity,
    decimal Price,
    bool Gapped,
    DataMode Mode,
    int DelaySeconds,
    DateTimeOffset TickAt)
{
    /// <summary>The trade's exit reason, saying when the price gapped through the level or the data was late.</summary>
    public string Reason()
    {
        var what = Kind switch
        {
            ExitKind.TakeProfit => $"TP{TargetIndex + 1} {Level}",
            ExitKind.StopLoss => $"stop loss {Level}",
            ExitKind.TrailingStop => $"trailing stop {Level}",
            _ => $"break-even stop {Level}",
        };
        var how = Gapped ? $" (gapped through, filled at tick price {Price})" : $" (filled at the level)";
        var late = Mode switch
        {
            DataMode.Delayed => $" on delayed data ({DelaySeconds} s late)",
            DataMode.Stale => " on stale data",
            DataMode.EndOfDay => " on end-of-day data",
            _ => "",
        };
        return what + how + late;
    }
}
