namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>
/// The body of <c>GET|POST /api/strategies/{id}/scan</c>: <c>{"at", "tradeDate", "items": [{"symbol", "price", "previousClose",
/// "gapPercent", "rsi", "atrPercent", "vwap", "bars", "eligible", "reason", "action"}]}</c>. Numbers are rounded for reading
/// (prices to 4 places, percents and RSI to 2); <c>action</c> is "entered" once the engine accepted the entry's intent,
/// "duplicate" when its key was already used, "blocked" when risk denied it, else "none".
/// </summary>
public sealed record ScanReply(DateTimeOffset At, DateOnly TradeDate, IReadOnlyList<ScanReply.Item> Items)
{
    public sealed record Item(string Symbol, decimal? Price, decimal? PreviousClose, decimal? GapPercent, decimal? Rsi, decimal? AtrPercent,
        decimal? Vwap, int Bars, bool Eligible, string Reason, string Action);

    /// <summary><paramref name="outcome"/> gives the engine's answer for an entry ("entered", "duplicate", "blocked").</summary>
    public static ScanReply From(ScanResult result, Func<GapAndGoEntry, string> outcome) => new(result.At, result.TradeDate,
    [
        .. result.Items.Select(i => new Item(i.Symbol, R(i.Price, 4), R(i.PreviousClose, 4), R(i.GapPercent, 2), R(i.Rsi, 2), R(i.AtrPercent, 2),
            R(i.Vwap, 4), i.Bars, i.Eligible, i.Reason, i.Entry is { } e ? outcome(e) : "none")),
    ]);

    static decimal? R(decimal? d, int places) => d is { } v ? Math.Round(v, places, MidpointRounding.AwayFromZero) : null;
}
