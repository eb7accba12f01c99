using System.ComponentModel.DataAnnotations;

namespace BlazorTrader.Engine.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>: times of the system jobs, in the exchange time zone (Calendar:TimeZone).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>End-of-day flatten per instrument class (Future, Stock, IndexOption), HH:mm exchange time; empty = off.</summary>
    public Dictionary<string, string> EndOfDayFlatten { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Future"] = "16:55", ["Stock"] = "15:55", ["IndexOption"] = "15:55",
    };

    /// <summary>
    /// On early-close days (day after Thanksgiving, Christmas Eve) the flatten runs at this time instead, before the earliest
    /// early close (NYSE 13:00, CME 13:15 ET); on other days this run does nothing. Empty = off.
    /// </summary>
    [RegularExpression(@"^(\d{2}:\d{2})?$")] public string EarlyCloseFlatten { get; set; } = "12:55";

    [RegularExpression(@"^\d{2}:\d{2}$")] public string Reconciliation { get; set; } = "17:00";
    [RegularExpression(@"^\d{2}:\d{2}$")] public string DailySnapshot { get; set; } = "17:05";

    /// <summary>How often Hangfire looks for due recurring and delayed jobs (its SchedulePollingInterval). Tests set it long, so
    /// jobs run only when a test triggers them and never by the wall clock against the test's fake clock.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}
