using BlazorTrader.Reports;

namespace BlazorTrader.Tests.Web.Reports;

public class PnlCalendarTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Fact]
    public void November2026_StartsOnSunday_AndHasFiveFullWeeks()
    {
        // Act
        var month = PnlCalendar.Build(2026, 11, [], Today);

        // Assert: Nov 1 2026 is a Sunday; Nov 30 is a Monday -> weeks start Nov 1, 8, 15, 22, 29
        Assert.Equal(5, month.Weeks.Count);
        Assert.All(month.Weeks, w => Assert.Equal(7, w.Days.Count));
        Assert.Equal(new DateOnly(2026, 11, 1), month.Weeks[0].Days[0].Date);
        Assert.Equal(new DateOnly(2026, 12, 5), month.Weeks[^1].Days[^1].Date);
        Assert.False(month.Weeks[^1].Days[2].InMonth);   // Dec 1
        Assert.Equal(21, month.TradingDays);              // weekdays of November 2026
    }

    [Fact]
    public void WeeklyTotals_SumOnlyTheDaysOfThatWeek_AndTheMonthTotalSumsTheWeeks()
    {
        // Arrange
        DailyPnl[] days =
        [
            new(new DateOnly(2026, 11, 2), 250m, 3), new(new DateOnly(2026, 11, 3), -100m, 2),   // week of Nov 1
            new(new DateOnly(2026, 11, 13), 75.5m, 1),                                            // week of Nov 8
            new(new DateOnly(2026, 10, 30), 999m, 9), new(new DateOnly(2026, 12, 1), 999m, 9),   // other months: ignored
        ];

        // Act
        var month = PnlCalendar.Build(2026, 11, days, Today);

        // Assert
        Assert.Equal(150m, month.Weeks[0].Total);
        Assert.Equal(5, month.Weeks[0].Trades);
        Assert.Equal(75.5m, month.Weeks[1].Total);
        Assert.Equal(0m, month.Weeks[^1].Total);          // Dec 1 shows in the grid, but not its P&L
        Assert.Equal(225.5m, month.Total);
        Assert.Equal(2, month.WinningDays);
        Assert.Equal(1, month.LosingDays);
    }

    [Fact]
    public void Cells_KnowWinLossTodayAndPadding()
    {
        var month = PnlCalendar.Build(2026, 11, [new(new DateOnly(2026, 11, 20), -20m, 1), new(new DateOnly(2026, 11, 19), 40m, 1)], Today);
        var cells = month.Weeks.SelectMany(w => w.Days).ToDictionary(c => c.Date);

        Assert.True(cells[new DateOnly(2026, 11, 20)].IsLoss);
        Assert.True(cells[new DateOnly(2026, 11, 20)].IsToday);
        Assert.True(cells[new DateOnly(2026, 11, 19)].IsWin);
        Assert.Null(cells[new DateOnly(2026, 11, 18)].Pnl);            // a trading day without trades: empty, not $0
        Assert.False(cells[new DateOnly(2026, 11, 21)].IsTradingDay);   // Saturday
    }

    [Fact]
    public void MondayFirst_ShiftsTheGrid_AndAHolidayIsNotATradingDay()
    {
        var thanksgiving = new DateOnly(2026, 11, 26);

        var month = PnlCalendar.Build(2026, 11, [], Today, DayOfWeek.Monday, d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != thanksgiving);

        Assert.Equal(new DateOnly(2026, 10, 26), month.Weeks[0].Days[0].Date);
        Assert.Equal(6, month.Weeks.Count);
        Assert.Equal(20, month.TradingDays);
    }

    [Fact]
    public void ADayWithTrades_CountsAsTradingDay_EvenOnAWeekend()
    {
        var month = PnlCalendar.Build(2026, 11, [new(new DateOnly(2026, 11, 22), 10m, 1)], Today);

        Assert.Equal(22, month.TradingDays);
    }
}
