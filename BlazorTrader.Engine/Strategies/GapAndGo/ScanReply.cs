namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>
/// The body of <c>GET|POST /api/strategies/{id}/scan</c>: <c>{"at", "tradeDate", "items": [{"symbol", "price", "previousClose",
/// "gapPercent", "rsi", "atrPercent", "vwap", "bars", "eligible", "reason", "action"}], "note"}</c>. Numbers are rounded for reading
/// (prices to 4 places, percents and RSI to 2); <c>action</c> is "entered" once the engine accepted the entry's intent,
/// "duplicate" when its key was already used, "blocked" when risk denied it, else "none".
/// </summary>
/// <param name="Note">Why the table is empty or partial when the rows cannot say it (e.g. no market scanner at this broker).</param>
public sealed record ScanReply(DateTimeOffset At, DateOnly TradeDate, IReadOnlyList<ScanReply.Item> Items, string? Note = null)
{
    public sealed record Item(string Symbol, decimal? Price, decimal? PreviousClose, decimal? GapPercent, decimal? Rsi, decimal? AtrPercent,
        decimal? Vwap, int Bars, bool Eligible, string Reason, string Action);

    /// <summary><paramref name="outcome"/> gives the engine's answer for an entry ("entered", "duplicate", "blocked").</summary>
    public static ScanReply From(ScanResult result, Func<GapAndGoEntry, string> outcome, string? note = null) => new(result.At, result.TradeDate,
    [
        .. result.Items.Select(i => new Item(i.Symbol, R(i.Price, 4), R(i.PreviousClose, 4), R(i.GapPercent, 2), R(i.Rsi, 2), R(i.AtrPercent, 2),
            R(i.Vwap, 4), i.Bars, i.Eligible, i.Reason, i.Entry is { } e ? outcome(e) : "none")),
    ], note);

    static decimal? R(decimal? d, int places) => d is { } v ? Math.Round(v, places, MidpointRounding.AwayFromZero) : null;
}
