namespace BlazorTrader.Engine.Strategies;

/// <summary>What a scheduled strategy runs: one instrument at set times (today's kind), or a built-in strategy.</summary>
public enum StrategyKind
{
    /// <summary>One instrument, one side, entry and exit times (the default, so existing clients keep working).</summary>
    Single,

    /// <summary>The gap-and-go day trader (<see cref="GapAndGo.GapAndGoParameters"/>).</summary>
    GapAndGo,

    /// <summary>The SPX 21/28 double calendar (<see cref="SpxCalendar.SpxCalendarParameters"/>).</summary>
    SpxDoubleCalendar,
}
