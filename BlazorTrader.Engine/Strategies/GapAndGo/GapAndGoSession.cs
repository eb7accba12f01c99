using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>The day trader's day: when it must be flat. On a shortened day (close 13:00 ET) that is 5 minutes before the close.</summary>
public static class GapAndGoSession
{
    public static readonly TimeSpan BeforeEarlyClose = TimeSpan.FromMinutes(5);

    /// <summary>liquidateAt, or 5 minutes before an early close that comes first (exchange time).</summary>
    public static TimeOnly LiquidationTime(TradingCalendar calendar, DateOnly tradeDate, GapAndGoParameters parameters) =>
        calendar.EarlyClose(tradeDate, Market.Nyse) is { } close && close.Add(-BeforeEarlyClose) < parameters.LiquidateAt
            ? close.Add(-BeforeEarlyClose)
            : parameters.LiquidateAt;

    /// <summary>The time of the early-close liquidation job (every NYSE early close is at 13:00 ET).</summary>
    public static readonly TimeOnly EarlyLiquidation = new TimeOnly(13, 0).Add(-BeforeEarlyClose);
}
