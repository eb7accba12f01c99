using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>When a calendar is closed by time: the trade date and the instant (UTC).</summary>
public sealed record TimeExitSchedule(DateOnly Date, DateTimeOffset AtUtc, string? Note);

/// <summary>
/// The time exit: exitTime (exchange time) on the first trading day at least exitAfterDays calendar days after the entry.
/// A holiday on that day moves it to the next trading day; on a day that closes before exitTime, 15 minutes before the close.
/// </summary>
public static class TimeExit
{
    static readonly TimeSpan BeforeEarlyClose = TimeSpan.FromMinutes(15);

    public static TimeExitSchedule For(DateOnly entryDate, int exitAfterDays, TimeOnly exitTime, TradingCalendar calendar)
    {
        var due = entryDate.AddDays(exitAfterDays);
        var date = due;
        while (!calendar.IsTradingDay(date, Market.Nyse))
            date = date.AddDays(1);
        var at = calendar.ToUtc(date, exitTime);
        string? note = date == due ? null : $"day {exitAfterDays} ({due:yyyy-MM-dd}) is not a trading day; exit moved to {date:yyyy-MM-dd}";
        if (calendar.CloseUtc(date, Market.Nyse) is { } close && at > close - BeforeEarlyClose)
        {
            at = close - BeforeEarlyClose;
            note = (note is null ? "" : note + "; ") + "early close: exit 15 minutes before it";
        }
        return new TimeExitSchedule(date, at, note);
    }

    public static TimeExitSchedule For(DateOnly entryDate, SpxCalendarParameters p, TradingCalendar calendar) =>
        For(entryDate, p.ExitAfterDays, p.ExitTime, calendar);
}
