namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>
/// What the scan needs to know of the strategy's account today, taken from the engine's book: symbols held or with a
/// working order, symbols closed on this trade date, cooldowns, and entries made today per symbol.
/// </summary>
public sealed record GapAndGoBook
{
    public static readonly GapAndGoBook Empty = new();

    public IReadOnlySet<string> OpenPositions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlySet<string> WorkingOrders { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlySet<string> ClosedToday { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Until when a symbol may not be bought (after a stop-out, or a cancelled entry), UTC.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> CooldownUntil { get; init; } = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Entries already made today per symbol; the next entry's number is this + 1.</summary>
    public IReadOnlyDictionary<string, int> EntriesToday { get; init; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Open positions of this strategy (counted against maxPositions), including pending entries.</summary>
    public int OpenCount => OpenPositions.Count + WorkingOrders.Count(s => !OpenPositions.Contains(s));
}

/// <summary>One symbol's market data at scan time: today's bars, the last trade and the previous trade date's close.</summary>
public sealed record SymbolSnapshot(string Symbol, IReadOnlyList<Indicators.Bar> TodaysBars, decimal? LastPrice, decimal? PreviousClose, decimal TickSize = 0.01m)
{
    public decimal? Price => LastPrice ?? (TodaysBars.Count > 0 ? TodaysBars[^1].Close : null);
}
