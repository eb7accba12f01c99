using System.Globalization;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>The daily window in which TWS/Gateway restarts: orders are held, not sent, until it has passed.</summary>
internal sealed class IbRestartWindow
{
    private readonly TimeOnly? _start;
    private readonly TimeOnly? _end;
    private readonly TimeZoneInfo _zone;

    public IbRestartWindow(string? start, string? end, string timeZone)
    {
        if (!string.IsNullOrWhiteSpace(start) && !string.IsNullOrWhiteSpace(end))
        {
            _start = TimeOnly.ParseExact(start.Trim(), "HH:mm", CultureInfo.InvariantCulture);
            _end = TimeOnly.ParseExact(end.Trim(), "HH:mm", CultureInfo.InvariantCulture);
        }
        _zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
    }

    public static IbRestartWindow From(InteractiveBrokersOptions o) => new(o.RestartWindowStart, o.RestartWindowEnd, o.RestartTimeZone);

    /// <summary>How long until the window ends; null when outside it.</summary>
    public TimeSpan? Remaining(DateTimeOffset now)
    {
        if (_start is not { } start || _end is not { } end) return null;
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime);
        var inside = start <= end ? local >= start && local < end : local >= start || local < end;
        return inside ? end - local : null;   // TimeOnly subtraction wraps around midnight
    }
}
