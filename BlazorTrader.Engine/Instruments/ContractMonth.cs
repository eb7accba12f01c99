namespace BlazorTrader.Engine.Instruments;

/// <summary>How a continuous ticker's month was chosen.</summary>
public enum ContractMonthSource
{
    /// <summary>From the listing cycle and roll rule in the contract specs.</summary>
    ListingRule,

    /// <summary>From <c>InteractiveBrokers:FrontMonths:&lt;ROOT&gt;</c>, which wins over the rule.</summary>
    Configured,

    /// <summary>From the broker's contract details (IB's CONTFUT front contract, or its FUT chain by expiry for <c>2!</c>).</summary>
    Broker,
}

/// <summary>
/// One dated futures contract a continuous ticker means on a trade date: <c>MNQ1!</c> on 2026-12-01 is
/// MNQ December 2026 (<see cref="Month"/> 202612, <see cref="DatedSymbol"/> MNQZ2026), last trade 2026-12-18,
/// rolling to March on 2026-12-10. Dates are exchange trade dates.
/// </summary>
public sealed record ContractMonth(
    string Root,
    int Year,
    int MonthNumber,
    DateOnly? LastTradeDate,
    DateOnly? RollDate,
    ContractMonthSource Source)
{
    public const string MonthCodes = "FGHJKMNQUVXZ";

    /// <summary>IB's <c>lastTradeDateOrContractMonth</c> form, e.g. 202612.</summary>
    public string Month => $"{Year:D4}{MonthNumber:D2}";

    public char MonthCode => MonthCodes[MonthNumber - 1];

    /// <summary>Our dated ticker for the contract, e.g. MNQZ2026 (what a position in this month keeps).</summary>
    public string DatedSymbol => $"{Root}{MonthCode}{Year:D4}";

    /// <summary>The exchange's local symbol, e.g. MNQZ6.</summary>
    public string LocalSymbol => $"{Root}{MonthCode}{Year % 10}";

    /// <summary>Our dated ticker for a continuous ticker held in <paramref name="yyyyMM"/> (MNQ1! in 202612: MNQZ2026); other tickers as they are.</summary>
    public static string DatedTicker(ParsedTicker ticker, string yyyyMM) =>
        ticker.ContinuousIndex is null || yyyyMM.Length != 6 || !int.TryParse(yyyyMM.AsSpan(4, 2), out var month) || month is < 1 or > 12
            ? ticker.Symbol
            : $"{ticker.Root}{MonthCodes[month - 1]}{yyyyMM[..4]}";
}
