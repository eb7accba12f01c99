using System.Globalization;
using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Engine.Risk;

public enum ExitKind { TakeProfit, StopLoss, TrailingStop, BreakEvenStop }

/// <summary>How an exit's price was chosen, the way a broker would have filled the resting order.</summary>
public enum ExitPricing
{
    /// <summary>The price traded at or through the level (also a jump between two ticks for a target): filled at the level.</summary>
    AtLevel,

    /// <summary>A target the price opened beyond (a session's first tick, the trade's first price): filled at that better price.</summary>
    OpenedBeyond,

    /// <summary>A stop the price jumped past: filled at the tick price, the worse one.</summary>
    Gapped,
}

/// <summary>A decision taken on a tick: close <see cref="Quantity"/> of a trade at <see cref="Price"/>.</summary>
public readonly record struct ExitFill(
    long PositionId,
    long TradeId,
    ExitKind Kind,
    int TargetIndex,
    decimal Level,
    decimal Quantity,
    decimal Price,
    ExitPricing Pricing,
    DataMode Mode,
    int DelaySeconds,
    DateTimeOffset TickAt)
{
    /// <summary>The fill is not at the level (opened beyond a target, or gapped through a stop).</summary>
    public bool Gapped => Pricing != ExitPricing.AtLevel;

    /// <summary>The trade's exit reason: which level, how it filled, and whether the data was late.</summary>
    public string Reason()
    {
        var what = Kind switch
        {
            ExitKind.TakeProfit => $"take profit {TargetIndex + 1}",
            ExitKind.StopLoss => "stop loss",
            ExitKind.TrailingStop => "trailing stop",
            _ => "break-even stop",
        };
        var how = Pricing switch
        {
            ExitPricing.OpenedBeyond => $" (opened beyond {Format(Level)}, filled at {Format(Price)})",
            ExitPricing.Gapped => $" (gapped through {Format(Level)}, filled at {Format(Price)})",
            _ => $" {Format(Level)}",
        };
        var late = Mode switch
        {
            DataMode.Delayed => $" on delayed data ({DelaySeconds} s late)",
            DataMode.Stale => " on stale data",
            DataMode.EndOfDay => " on end-of-day data",
            _ => "",
        };
        return what + how + late;
    }

    private static string Format(decimal price) => price.ToString("0.########", CultureInfo.InvariantCulture);
}
