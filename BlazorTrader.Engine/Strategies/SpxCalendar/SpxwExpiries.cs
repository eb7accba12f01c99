using System.Globalization;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>The expiry a leg uses: the date asked for (entry + N calendar days), the SPXW expiry taken, and why they differ.</summary>
public sealed record ExpiryChoice(DateOnly Requested, DateOnly Expiry, string? Note);

/// <summary>
/// SPXW options expire on every trading day (PM-settled at 16:00 ET), so the listed expiries are the calendar's trading
/// days. When entry + N days is not one (a weekend or a holiday), the nearest listed expiry on or before it is used and the
/// note says so; the original asked for the missing date, timed out and skipped the day.
/// </summary>
public static class SpxwExpiries
{
    static readonly TimeOnly Settlement = new(16, 0);

    public static bool IsExpiry(DateOnly date, TradingCalendar calendar) => calendar.IsTradingDay(date, Market.Nyse);

    public static ExpiryChoice Choose(DateOnly entryDate, int calendarDays, TradingCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calendarDays, 1);
        var requested = entryDate.AddDays(calendarDays);
        var expiry = requested;
        while (!IsExpiry(expiry, calendar))
            expiry = expiry.AddDays(-1);
        if (expiry <= entryDate)
            throw new ArgumentOutOfRangeException(nameof(calendarDays), "no SPXW expiry after the entry date on or before the requested date");
        if (expiry == requested) return new ExpiryChoice(requested, expiry, null);
        var why = requested.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? requested.DayOfWeek.ToString()
            : calendar.SpecialDay(requested, Market.Nyse)?.Name is { Length: > 0 } name ? $"{name}, exchange closed" : "exchange closed";
        return new ExpiryChoice(requested, expiry,
            $"{Day(requested)} (+{calendarDays} days) is not an SPXW expiry ({why}); using {Day(expiry)}, the nearest expiry before it");
    }

    /// <summary>When an SPXW expiry settles: 16:00 ET on its date (the early close on a shortened day).</summary>
    public static DateTimeOffset SettlesAtUtc(DateOnly expiry, TradingCalendar calendar) =>
        calendar.CloseUtc(expiry, Market.Nyse) ?? calendar.ToUtc(expiry, Settlement);

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd (ddd)", CultureInfo.InvariantCulture);
}
