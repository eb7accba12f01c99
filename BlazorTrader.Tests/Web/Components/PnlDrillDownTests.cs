using BlazorTrader.Components.Pnl;
using BlazorTrader.Components.Shared;
using BlazorTrader.Reports;
using BlazorTrader.Services;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

public class PnlDrillDownTests : MudTestContext
{
    [Fact]
    public void ClickingADayWithTrades_AsksForThatDay_AndAnEmptyDayDoesNot()
    {
        // Arrange
        var month = PnlCalendar.Build(2026, 11, [new(new DateOnly(2026, 11, 2), 250m, 3)], new DateOnly(2026, 11, 20));
        var clicked = new List<DateOnly>();
        var cut = Render<PnlCalendarView>(p => p.Add(x => x.Month, month).Add(x => x.OnDayClick, d => clicked.Add(d)));

        // Act
        cut.Find("[data-date='2026-11-02']").Click();
        cut.Find("[data-date='2026-11-04']").Click();

        // Assert
        Assert.Equal([new DateOnly(2026, 11, 2)], clicked);
        Assert.Equal("button", cut.Find("[data-date='2026-11-02']").GetAttribute("role"));
    }

    [Fact]
    public void EquityCurve_HasAPointPerTradeClose_PerRecorder_AndATotal()
    {
        // Arrange: two closes of one recorder on one day, one of another
        var day = new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
        ClosedTradePoint[] closes = [new(day, 1, 100m), new(day.AddHours(1), 1, -40m), new(day.AddMinutes(30), 2, 25m)];

        // Act
        var series = EquityCurve.Build(closes, new Dictionary<long, string> { [1] = "MNQ scalper", [2] = "ES swing" });

        // Assert: intraday, not one point per day
        Assert.Equal(["ES swing", "MNQ scalper", "All recorders"], series.Select(s => s.Name));
        Assert.Equal([0m, 100m, 60m], series[1].Points.Select(p => p.Cumulative));
        Assert.Equal([0m, 100m, 125m, 85m], series[2].Points.Select(p => p.Cumulative));
    }

    [Theory]
    [InlineData("-14.5", "-$15")]
    [InlineData("-4.25", "-$4.25")]
    [InlineData("1500", "+$1.5k")]
    public void CalendarAmounts_FitAPhonesCell(string value, string shown) =>
        Assert.Equal(shown, Fmt.PnlShort(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
