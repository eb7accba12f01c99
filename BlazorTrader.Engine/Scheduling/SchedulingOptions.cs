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

    [RegularExpression(@"^\d{2}:\d{2}$")] public string Reconciliation { get; set; } = "17:00";
    [RegularExpression(@"^\d{2}:\d{2}$")] public string DailySnapshot { get; set; } = "17:05";
}
