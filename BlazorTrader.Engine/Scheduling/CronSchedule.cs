using System.Globalization;

namespace BlazorTrader.Engine.Scheduling;

/// <summary>Cron expressions for "HH:mm on these weekdays", interpreted by Hangfire in the exchange time zone.</summary>
public static class CronSchedule
{
    public static string At(string hhmm, IEnumerable<DayOfWeek>? days = null)
    {
        var time = TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);
        return At(time, days);
    }

    public static string At(TimeOnly time, IEnumerable<DayOfWeek>? days = null)
    {
        var list = (days ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])
            .Distinct().Order().Select(d => ((int)d).ToString(CultureInfo.InvariantCulture)).ToList();
        var weekdays = list.Count == 0 ? "*" : string.Join(',', list);
        return $"{time.Minute} {time.Hour} * * {weekdays}";
    }
}
