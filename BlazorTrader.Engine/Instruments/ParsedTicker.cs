namespace BlazorTrader.Engine.Instruments;

/// <summary>
/// A ticker as a trader writes it, split into its parts. <see cref="Symbol"/> is the position key:
/// the ticker without exchange prefix, with 2-digit futures years widened (MNQZ26 -> MNQZ2026).
/// </summary>
public sealed record ParsedTicker(
    string Raw,
    string? ExchangePrefix,
    string Symbol,
    string Root,
    int? ContinuousIndex = null,
    char? MonthCode = null,
    int? Year = null,
    OptionContract? Option = null)
{
    public bool IsFuture => ContinuousIndex is not null || MonthCode is not null;
}

public sealed record OptionContract(DateOnly Expiry, char Right, decimal Strike);
