namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>Configuration section <c>Calendar</c>.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>IANA zone in which <see cref="TradingCalendar"/> reads and writes dates and times of day.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>
    /// Days added to or replacing the built-in 2026-2027 table (same market and date replaces),
    /// so later years can be entered once the exchanges publish them, without a release.
    /// </summary>
    public List<CalendarDay> Days { get; set; } = [];
}
