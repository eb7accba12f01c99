namespace BlazorTrader.Engine.MarketData;

/// <summary>How live a price is (docs/design.md "Market data and data modes").</summary>
public enum DataMode { Realtime, Delayed, EndOfDay, Stale, Simulated, Replay }

/// <summary>
/// One price update, or several conflated into one: <see cref="High"/> and <see cref="Low"/> cover
/// every price since the symbol's previous processed tick, so no TP/SL touch is lost. <see cref="Volume"/> is
/// the size traded with it (0 when the feed gives none); it only feeds the strategies' bars (VWAP). A struct, so the
/// tick path does not allocate.
/// </summary>
public readonly record struct Tick(
    string Symbol,
    decimal Price,
    decimal High,
    decimal Low,
    DateTimeOffset At,
    DataMode Mode = DataMode.Realtime,
    int DelaySeconds = 0,
    decimal Volume = 0)
{
    public static Tick At1(string symbol, decimal price, DateTimeOffset at, DataMode mode = DataMode.Realtime, int delaySeconds = 0, decimal volume = 0) =>
        new(symbol, price, price, price, at, mode, delaySeconds, volume);

    /// <summary>This tick followed by <paramref name="next"/>: the later price, the wider range, the volume of both.</summary>
    public Tick Merge(in Tick next) => next with { High = Math.Max(High, next.High), Low = Math.Min(Low, next.Low), Volume = Volume + next.Volume };
}
