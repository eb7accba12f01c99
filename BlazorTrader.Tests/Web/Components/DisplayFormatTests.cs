using BlazorTrader.Components.ControlCenter;
using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>One time formatter (exchange zone, labelled) and one price formatter (to the instrument's tick) for every page.</summary>
public class DisplayFormatTests : MudTestContext
{
    private static readonly TickPrices Prices = new(InstrumentCatalog.FromConfiguration(null));

    [Theory]
    [InlineData("MNQ1!", "21497", "21497.00")]
    [InlineData("CL1!", "71.37", "71.37")]
    [InlineData("ZN1!", "110.015625", "110.015625")]
    [InlineData("6E1!", "1.0825", "1.08250")]
    [InlineData("AAPL", "231.5", "231.50")]
    public void Price_HasTheDecimalsOfTheInstrumentsTick(string ticker, string price, string shown) =>
        Assert.Equal(shown, Prices.Price(ticker, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("MNQ1!", "21497.5", "21497.50")]          // on the tick: as a price
    [InlineData("MNQ1!", "21497.1666666667", "21497.1667")] // three fills: a hundredth of a tick, never 8 decimals
    [InlineData("CL1!", "71.371234", "71.3712")]
    public void Average_HasAtMostTwoDecimalsMoreThanTheTick(string ticker, string price, string shown) =>
        Assert.Equal(shown, Prices.Average(ticker, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Time_IsShownInTheExchangeZone_WithItsLabel_AcrossDaylightSaving()
    {
        var times = new ExchangeTime(new TradingCalendar());

        // 19:25 UTC is 14:25 in New York in winter (EST) and 15:25 in summer (EDT)
        Assert.Equal("2026-11-20 14:25:00 ET", times.DateTime(new DateTime(2026, 11, 20, 19, 25, 0, DateTimeKind.Utc)));
        Assert.Equal("07-01 15:25:00 ET", times.Short(new DateTime(2026, 7, 1, 19, 25, 0, DateTimeKind.Unspecified)));   // as SQLite returns it
        Assert.Equal("14:25:00 ET", times.Clock(new DateTimeOffset(2026, 11, 20, 19, 25, 0, TimeSpan.Zero)));
        Assert.Equal("Fri 2026-11-20 09:45 ET", times.Schedule(new DateTime(2026, 11, 20, 14, 45, 0, DateTimeKind.Utc)));
        Assert.Equal("—", times.DateTime(null));
    }

    [Fact]
    public void Time_InAnotherConfiguredZone_CarriesThatZonesLabel()
    {
        var chicago = new ExchangeTime(new TradingCalendar(new CalendarOptions { TimeZone = "America/Chicago" }));

        Assert.Equal("13:25:00 CT", chicago.Clock(new DateTimeOffset(2026, 11, 20, 19, 25, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void LiveLog_ShowsExchangeTime_NotUtc()
    {
        // Arrange: 19:25 UTC
        Hub.Publish(new LogEntry(new DateTimeOffset(2026, 11, 20, 19, 25, 3, TimeSpan.Zero), EngineLogLevel.Info, "MNQ1! buy 1 accepted"));

        // Act
        var cut = Render<LiveLog>();

        // Assert
        Assert.Contains("14:25:03 ET", cut.Find("[data-testid=live-log]").TextContent);
        Assert.DoesNotContain("19:25", cut.Markup);
    }

    [Fact]
    public void PositionsTable_ShowsPricesToTheTick()
    {
        // Arrange
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), new PositionSnapshot(1, 5, "MNQ1!", "long", 3, 21497.1666666667m, 21497m, 0, 0, 0, 0, "open",
            new DateTime(2026, 11, 20, 14, 59, 0, DateTimeKind.Utc), null)));

        // Act
        var cut = Render<PositionsTable>();

        // Assert: the price keeps its zeros, the average stops at a hundredth of a tick
        Assert.Contains("21497.00", cut.Markup);
        Assert.Contains("21497.1667", cut.Markup);
        Assert.DoesNotContain("21497.16666", cut.Markup);
    }
}
