namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>How a holiday or shortened day differs from a normal day.</summary>
public enum DayKind
{
    /// <summary>No trading at all (NYSE holiday; CME full closure such as Christmas).</summary>
    Closed,

    /// <summary>
    /// CME holiday: the session opened the evening before trades until <see cref="CalendarDay.StopsAt"/>,
    /// and its trades clear on the next trade date, so the day itself is not a trade date.
    /// </summary>
    HolidayHalt,

    /// <summary>A trading day that closes early at <see cref="CalendarDay.StopsAt"/>.</summary>
    EarlyClose,
}
