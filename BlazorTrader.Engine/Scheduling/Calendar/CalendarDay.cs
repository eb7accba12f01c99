namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>One day on which a market is closed or stops early. Settable so configuration can add days.</summary>
public sealed record CalendarDay
{
    public Market Market { get; init; }
    public DateOnly Date { get; init; }
    public DayKind Kind { get; init; }

    /// <summary>When trading stops, in US Eastern time (CME publishes Central: add one hour). Null for <see cref="DayKind.Closed"/>.</summary>
    public TimeOnly? StopsAt { get; init; }

    public string Name { get; init; } = "";

    internal bool IsValid => Kind == DayKind.Closed ? StopsAt is null : StopsAt is not null;
}
