using System.Globalization;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>
/// Idempotency keys of the calendar's orders. One entry per trading day per strategy: the job, the button, a retry, a
/// restart and a second instance all ask with the same key, and the UNIQUE index lets one through.
/// </summary>
public static class SpxCalendarKeys
{
    public static string Entry(long strategyId, DateOnly tradeDate) => $"spxcal:{strategyId}:{Day(tradeDate)}:entry";

    public static string Target(long strategyId, long tradeId) => $"spxcal:{strategyId}:trade:{tradeId}:target";

    public static string TimeExit(long strategyId, long tradeId) => $"spxcal:{strategyId}:trade:{tradeId}:exit";

    static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
