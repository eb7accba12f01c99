namespace BlazorTrader.Reports;

/// <summary>One day of a month calendar. Days of the previous or next month pad the first and last week and carry no P&amp;L.</summary>
public sealed record PnlCalendarCell(DateOnly Date, bool InMonth, bool IsTradingDay, decimal? Pnl, int Trades, bool IsToday)
{
    public bool IsWin => Pnl > 0;
    public bool IsLoss => Pnl < 0;
}

/// <summary>Seven cells and the realized P&amp;L of the in-month days among them.</summary>
public sealed record PnlCalendarWeek(IReadOnlyList<PnlCalendarCell> Days, decimal Total, int Trades);

public sealed record PnlCalendarMonth(int Year, int Month, IReadOnlyList<PnlCalendarWeek> Weeks, decimal Total, int TradingDays, int WinningDays, int LosingDays)
{
    public DateOnly First => new(Year, Month, 1);
}

/// <summary>Realized P&amp;L of one trading day, as <c>PnlSeries</c> computes it.</summary>
public readonly record struct DailyPnl(DateOnly Date, decimal Pnl, int Trades);

/// <summary>Builds a month calendar of realized P&amp;L per trading day with weekly totals. Pure.</summary>
public static class PnlCalendar
{
    /// <param name="isTradingDay">Exchange sessions; weekdays when not given. A day with trades always counts.</param>
    public static PnlCalendarMonth Build(int year, int month, IEnumerable<DailyPnl> days, DateOnly today,
        DayOfWeek firstDayOfWeek = DayOfWeek.Sunday, Func<DateOnly, bool>? isTradingDay = null)
    {
        isTradingDay ??= d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var byDate = days.Where(d => d.Date >= first && d.Date <= last)
            .GroupBy(d => d.Date)
            .ToDictionary(g => g.Key, g => new DailyPnl(g.Key, g.Sum(x => x.Pnl), g.Sum(x => x.Trades)));

        var start = first.AddDays(-(((int)first.DayOfWeek - (int)firstDayOfWeek + 7) % 7));
        var weeks = new List<PnlCalendarWeek>();
        for (var weekStart = start; weekStart <= last; weekStart = weekStart.AddDays(7))
        {
            var cells = Enumerable.Range(0, 7).Select(i =>
            {
                var date = weekStart.AddDays(i);
                var inMonth = date.Month == month && date.Year == year;
                var has = byDate.TryGetValue(date, out var day) && inMonth;
                return new PnlCalendarCell(date, inMonth, inMonth && (has || isTradingDay(date)), has ? day.Pnl : null, has ? day.Trades : 0, date == today);
            }).ToList();
            weeks.Add(new PnlCalendarWeek(cells, cells.Sum(c => c.Pnl ?? 0), cells.Sum(c => c.Trades)));
        }

        var inMonthCells = weeks.SelectMany(w => w.Days).Where(c => c.InMonth).ToList();
        return new PnlCalendarMonth(year, month, weeks, weeks.Sum(w => w.Total), inMonthCells.Count(c => c.IsTradingDay),
            inMonthCells.Count(c => c.IsWin), inMonthCells.Count(c => c.IsLoss));
    }
}
