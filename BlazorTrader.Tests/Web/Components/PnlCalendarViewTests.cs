using BlazorTrader.Components.Pnl;
using BlazorTrader.Reports;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

public class PnlCalendarViewTests : MudTestContext
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Fact]
    public void Cells_AreGreenOrRed_WithTheirPnl_AndEachWeekShowsItsTotal()
    {
        // Arrange
        var month = PnlCalendar.Build(2026, 11,
            [new(new DateOnly(2026, 11, 2), 250m, 3), new(new DateOnly(2026, 11, 3), -100m, 2), new(new DateOnly(2026, 11, 10), 1500m, 4)], Today);

        // Act
        var cut = Render<PnlCalendarView>(p => p.Add(x => x.Month, month));

        // Assert
        var win = cut.Find("[data-date='2026-11-02']");
        Assert.Contains("bt-win", win.ClassName);
        Assert.Contains("+$250", win.TextContent);
        var loss = cut.Find("[data-date='2026-11-03']");
        Assert.Contains("bt-loss", loss.ClassName);
        Assert.Contains("-$100", loss.TextContent);
        Assert.Contains("bt-today", cut.Find("[data-date='2026-11-20']").ClassName);
        Assert.Contains("bt-out", cut.Find("[data-date='2026-12-01']").ClassName);

        var weeks = cut.FindAll("[data-testid=week-total]");
        Assert.Equal(5, weeks.Count);
        Assert.Contains("+$150", weeks[0].TextContent);
        Assert.Contains("+$1.5k", weeks[1].TextContent);
        Assert.Contains("$0", weeks[2].TextContent);
    }

    [Fact]
    public void Headers_FollowTheFirstDayOfWeek()
    {
        var month = PnlCalendar.Build(2026, 11, [], Today, DayOfWeek.Monday);

        var cut = Render<PnlCalendarView>(p => p.Add(x => x.Month, month));

        Assert.Equal(["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "Week"], cut.FindAll(".bt-cal-head").Select(h => h.TextContent));
    }
}
