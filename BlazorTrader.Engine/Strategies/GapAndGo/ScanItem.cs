namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>What a scan does with one symbol.</summary>
public enum ScanAction
{
    /// <summary>Nothing: the symbol failed a rule (see <see cref="ScanItem.Reason"/>).</summary>
    None,

    /// <summary>Buy it: the engine turns <see cref="ScanItem.Entry"/> into an intent (answered "entered" once placed).</summary>
    Enter,
}

/// <summary>One row of the scan table: every number the rules used, whether the symbol is eligible, and why not.</summary>
public sealed record ScanItem(
    string Symbol,
    decimal? Price,
    decimal? PreviousClose,
    decimal? GapPercent,
    decimal? Rsi,
    decimal? AtrPercent,
    decimal? Vwap,
    int Bars,
    bool Eligible,
    string Reason,
    ScanAction Action,
    GapAndGoEntry? Entry);

/// <summary>How an entry goes out: market during the regular session, a marketable limit in the premarket.</summary>
public enum EntryOrderKind { Market, MarketableLimit }

/// <summary>An entry decision; the bracket is computed from the fill with <see cref="GapAndGoBracket"/>.</summary>
public sealed record GapAndGoEntry(
    string Symbol,
    int Shares,
    EntryOrderKind OrderKind,
    decimal? LimitPrice,
    int EntryNumber,
    string IdempotencyKey);

/// <summary>The answer of one scan: when it ran (UTC), for which trade date, and one item per symbol.</summary>
public sealed record ScanResult(DateTimeOffset At, DateOnly TradeDate, decimal Budget, IReadOnlyList<ScanItem> Items)
{
    public IEnumerable<GapAndGoEntry> Entries => Items.Where(i => i.Entry is not null).Select(i => i.Entry!);
}
