namespace BlazorTrader.Engine.Risk;

/// <summary>Limits on new entries of a recorder or an account; null means no limit.</summary>
public sealed record EntryLimitSet(int? MaxEntriesPerDay, bool BlockReentryAfterClose, decimal? MaxDailyLoss, decimal? MaxPositionSize)
{
    public static readonly EntryLimitSet None = new(null, false, null, null);
}

/// <summary>What a recorder or account did so far in the current trading day (exchange time zone).</summary>
public sealed record DayActivity(int Entries, bool SymbolClosedToday, decimal RealizedPnl);

/// <summary>Pure entry decisions: the reason an entry is denied, or null when it may go.</summary>
public static class EntryLimits
{
    public static string? Deny(EntryLimitSet limits, DayActivity today, string symbol, decimal resultingQuantity, DateOnly tradingDay)
    {
        if (limits.MaxEntriesPerDay is { } max && today.Entries >= max)
            return $"max entries per day reached ({today.Entries} of {max} on {tradingDay:yyyy-MM-dd})";
        if (limits.BlockReentryAfterClose && today.SymbolClosedToday)
            return $"re-entry into {symbol} is blocked: a position in it was closed on trading day {tradingDay:yyyy-MM-dd}";
        if (limits.MaxDailyLoss is { } loss && today.RealizedPnl <= -Math.Abs(loss))
            return $"max daily loss reached (realized {today.RealizedPnl:0.##} on {tradingDay:yyyy-MM-dd}, limit -{Math.Abs(loss):0.##}); entries halted for the day";
        if (limits.MaxPositionSize is { } size && Math.Abs(resultingQuantity) > size)
            return $"max position size {size:0.####} would be exceeded ({Math.Abs(resultingQuantity):0.####} {symbol})";
        return null;
    }
}
