using System.Globalization;
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
        var level = Level.ToString("0.########", CultureInfo.InvariantCulture);
        var what = Kind switch
        {
            ExitKind.TakeProfit => $"TP{TargetIndex + 1} {level}",
            ExitKind.StopLoss => $"stop loss {level}",
            ExitKind.TrailingStop => $"trailing stop {level}",
            _ => $"break-even stop {level}",
        };
        var how = Gapped ? $" (gapped through, filled at tick price {Price.ToString("0.########", CultureInfo.InvariantCulture)})" : " (filled at the level)";
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
