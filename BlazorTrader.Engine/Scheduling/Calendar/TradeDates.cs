namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>
/// The session date an instant belongs to, by the clock alone (no holiday table): CME Globex sessions open
/// at 18:00 ET for the next date (a futures trade at 19:00 ET on Tuesday is Wednesday's); NYSE counts the
/// Eastern calendar date. Allocation-free, for the tick path; <see cref="TradingCalendar.TradeDate(DateTimeOffset, Market)"/>
/// adds the holidays.
/// </summary>
public static class TradeDates
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan CmeOpen = TimeSpan.FromHours(18);   // 17:00 CT

    public static DateOnly Of(Market market, DateTimeOffset utc) => Of(market, TimeZoneInfo.ConvertTime(utc, Eastern).DateTime);

    /// <summary>The session date of an Eastern wall-clock time.</summary>
    public static DateOnly Of(Market market, DateTime eastern)
    {
        var date = DateOnly.FromDateTime(eastern);
        return market != Market.Nyse && eastern.TimeOfDay >= CmeOpen ? date.AddDays(1) : date;
    }
}
