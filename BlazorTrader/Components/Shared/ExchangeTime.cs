using System.Globalization;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Components.Shared;

/// <summary>
/// The one formatter of every time on screen: stored UTC shown in the exchange time zone (<c>Calendar:TimeZone</c>)
/// with its label ("14:25:03 ET"), so the log, trades and schedules read like the trader's clock. The API stays ISO UTC.
/// </summary>
public sealed class ExchangeTime(TradingCalendar calendar)
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    public TimeZoneInfo Zone => calendar.ExchangeZone;

    /// <summary>"ET", "CT", …; other zones by their id, so a time is never unlabeled.</summary>
    public string Label { get; } = LabelOf(calendar.ExchangeZone);

    /// <summary>Date and time: "2026-11-20 14:25:03 ET".</summary>
    public string DateTime(DateTime? utc) => utc is { } u ? $"{Local(u).ToString("yyyy-MM-dd HH:mm:ss", Us)} {Label}" : "—";

    /// <summary>Month, day and time for dense tables: "11-20 14:25:03 ET".</summary>
    public string Short(DateTime? utc) => utc is { } u ? $"{Local(u).ToString("MM-dd HH:mm:ss", Us)} {Label}" : "—";

    /// <summary>Time of day for the live log: "14:25:03 ET".</summary>
    public string Clock(DateTimeOffset at) => $"{Local(at.UtcDateTime).ToString("HH:mm:ss", Us)} {Label}";

    /// <summary>To the minute with the weekday, for schedules: "Fri 2026-11-20 09:45 ET".</summary>
    public string Schedule(DateTime? utc) => utc is { } u ? $"{Local(u).ToString("ddd yyyy-MM-dd HH:mm", Us)} {Label}" : "—";

    /// <summary>Stored times are UTC; SQLite hands them back unspecified.</summary>
    public System.DateTime Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    internal static string LabelOf(TimeZoneInfo zone) => zone.Id switch
    {
        "America/New_York" or "US/Eastern" or "Eastern Standard Time" or "America/Toronto" or "America/Detroit" => "ET",
        "America/Chicago" or "US/Central" or "Central Standard Time" => "CT",
        "America/Denver" or "US/Mountain" or "Mountain Standard Time" => "MT",
        "America/Los_Angeles" or "US/Pacific" or "Pacific Standard Time" => "PT",
        "UTC" or "Etc/UTC" or "Etc/GMT" or "GMT" => "UTC",
        var id => id,
    };
}
