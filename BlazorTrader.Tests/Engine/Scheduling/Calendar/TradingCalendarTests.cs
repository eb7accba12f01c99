using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Scheduling.Calendar;

public class TradingCalendarTests
{
    readonly TradingCalendar _calendar = new();

    static DateOnly D(int year, int month, int day) => new(year, month, day);
    static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 11, 26)] // Thanksgiving
    [InlineData(2026, 4, 3)]   // Good Friday
    [InlineData(2027, 6, 18)]  // Juneteenth observed (Jun 19 is a Saturday)
    [InlineData(2026, 7, 3)]   // Independence Day observed (Jul 4 is a Saturday)
    [InlineData(2027, 7, 5)]   // Independence Day observed (Jul 4 is a Sunday)
    [InlineData(2027, 12, 24)] // Christmas observed
    [InlineData(2027, 3, 26)]  // Good Friday
    public void NyseHoliday_IsNotATradingDay_AndStaysClosedAtMidday(int year, int month, int day)
    {
        var date = D(year, month, day);

        Assert.False(_calendar.IsTradingDay(date, Market.Nyse));
        Assert.False(_calendar.IsMarketOpen(_calendar.ToUtc(date, new TimeOnly(12, 0)), Market.Nyse));
    }

    [Theory]
    [InlineData(2027, 12, 31)] // New Year's Day 2028 is a Saturday and is not observed on the Friday
    [InlineData(2026, 7, 2)]   // no July early close when Jul 3 is the holiday
    [InlineData(2027, 7, 2)]
    [InlineData(2027, 12, 23)] // no Christmas Eve early close when Dec 24 is the holiday
    [InlineData(2027, 6, 17)]
    public void OrdinaryWeekday_IsAFullNyseTradingDay(int year, int month, int day)
    {
        var date = D(year, month, day);

        Assert.True(_calendar.IsTradingDay(date, Market.Nyse));
        Assert.Null(_calendar.EarlyClose(date, Market.Nyse));
        Assert.True(_calendar.IsMarketOpen(_calendar.ToUtc(date, new TimeOnly(15, 59)), Market.Nyse));
    }

    [Fact]
    public void DayAfterThanksgiving2026_ClosesNyseAt1300()
    {
        var date = D(2026, 11, 27);

        Assert.True(_calendar.IsTradingDay(date, Market.Nyse));
        Assert.Equal(new TimeOnly(13, 0), _calendar.EarlyClose(date, Market.Nyse));
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 11, 27, 17, 59), Market.Nyse));   // 12:59 EST
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 11, 27, 18, 0), Market.Nyse));   // 13:00 EST
        Assert.Equal(Utc(2026, 11, 27, 18, 0), _calendar.CloseUtc(date, Market.Nyse));
    }

    [Theory]
    [InlineData(2026, 12, 24)]
    [InlineData(2027, 11, 26)]
    public void OtherPublishedEarlyCloses_Are1300(int year, int month, int day) =>
        Assert.Equal(new TimeOnly(13, 0), _calendar.EarlyClose(D(year, month, day), Market.Nyse));

    [Theory]
    [InlineData(Market.Nyse)]
    [InlineData(Market.CmeEquity)]
    [InlineData(Market.CmeEnergyMetals)]
    [InlineData(Market.CmeRates)]
    [InlineData(Market.CmeFx)]
    public void Weekend_IsClosedForEveryMarket(Market market)
    {
        Assert.False(_calendar.IsTradingDay(D(2026, 11, 21), market));
        Assert.False(_calendar.IsTradingDay(D(2026, 11, 22), market));
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 11, 21, 17, 0), market));   // Saturday noon ET
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 11, 22, 17, 0), market));   // Sunday noon ET
        Assert.Null(_calendar.CloseUtc(D(2026, 11, 21), market));
    }

    [Theory]
    [InlineData(2026, 1, 15, 14)]  // winter: EST, UTC-5
    [InlineData(2026, 7, 15, 13)]  // summer: EDT, UTC-4
    [InlineData(2026, 10, 30, 13)] // Friday before the fall-back on 2026-11-01
    [InlineData(2026, 11, 1, 14)]  // the change happens at 02:00, so 09:45 that Sunday is already EST
    [InlineData(2026, 11, 2, 14)]
    [InlineData(2027, 3, 12, 14)]  // Friday before the spring-forward on 2027-03-14
    [InlineData(2027, 3, 14, 13)]
    [InlineData(2027, 3, 15, 13)]
    [InlineData(2026, 3, 9, 13)]   // Monday after 2026-03-08
    [InlineData(2027, 11, 8, 14)]  // Monday after 2027-11-07
    public void ToUtc_ConvertsEasternTime_WithTheOffsetInForceThatDay(int year, int month, int day, int utcHour) =>
        Assert.Equal(Utc(year, month, day, utcHour, 45), _calendar.ToUtc(D(year, month, day), new TimeOnly(9, 45)));

    [Fact]
    public void ToUtc_MovesATimeSkippedBySpringForward_PastTheGap() =>
        Assert.Equal(Utc(2026, 3, 8, 7, 30), _calendar.ToUtc(D(2026, 3, 8), new TimeOnly(2, 30)));   // = 03:30 EDT

    [Fact]
    public void ToUtc_TakesTheFirstOccurrence_OfATimeRepeatedByFallBack() =>
        Assert.Equal(Utc(2026, 11, 1, 5, 30), _calendar.ToUtc(D(2026, 11, 1), new TimeOnly(1, 30)));   // 01:30 EDT

    [Fact]
    public void NyseOpen_FollowsDaylightSavingInUtc()
    {
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 10, 30, 13, 30), Market.Nyse));   // 09:30 EDT
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 11, 2, 13, 30), Market.Nyse));   // 08:30 EST
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 11, 2, 14, 30), Market.Nyse));    // 09:30 EST
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 11, 2, 21, 0), Market.Nyse));    // 16:00 EST
    }

    [Fact]
    public void ExchangeDate_IsTheEasternDate_NotTheUtcDate()
    {
        var time = new FakeTimeProvider(Utc(2026, 11, 24, 3, 0));   // Mon 22:00 EST

        Assert.Equal(D(2026, 11, 23), _calendar.ExchangeDate(time.GetUtcNow()));
        Assert.Equal(D(2026, 11, 23), _calendar.TradingDay(time.GetUtcNow()));
    }

    [Fact]
    public void CmeTradeDate_After1800Eastern_IsTheNextDay()
    {
        Assert.Equal(D(2026, 11, 23), _calendar.TradeDate(Utc(2026, 11, 23, 21, 59), Market.CmeEquity));   // 16:59 EST
        Assert.Equal(D(2026, 11, 24), _calendar.TradeDate(Utc(2026, 11, 23, 23, 0), Market.CmeEquity));    // 18:00 EST
        Assert.Equal(D(2026, 11, 23), _calendar.ExchangeDate(Utc(2026, 11, 23, 23, 0)));
    }

    [Fact]
    public void CmeSundayEveningSession_OpensAt1800Eastern_ForMonday()
    {
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 11, 22, 22, 59), Market.CmeEquity));   // Sun 17:59 EST
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 11, 22, 23, 0), Market.CmeEquity));     // Sun 18:00 EST
        Assert.Equal(D(2026, 11, 23), _calendar.TradeDate(Utc(2026, 11, 22, 23, 0), Market.CmeEquity));
        Assert.Equal(D(2026, 11, 23), _calendar.TradeDate(Utc(2026, 11, 21, 17, 0), Market.CmeEquity));   // Saturday: the next trade date
    }

    [Fact]
    public void CmeDailyBreak_From1700To1800Eastern_IsClosed_AndFridayCloseStartsTheWeekend()
    {
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 7, 15, 20, 59), Market.CmeRates));    // Wed 16:59 EDT
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 7, 15, 21, 0), Market.CmeRates));    // 17:00
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 7, 15, 21, 59), Market.CmeRates));   // 17:59
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 7, 15, 22, 0), Market.CmeRates));     // 18:00
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 7, 17, 22, 30), Market.CmeRates));   // Fri 18:30: no session
    }

    [Fact]
    public void CmeJuneteenth2026_HaltsAt1300Eastern_AndClearsOnMonday()
    {
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 6, 18, 23, 0), Market.CmeEquity));    // Thu 19:00 EDT, opened as usual
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 6, 19, 16, 59), Market.CmeEquity));   // 12:59 EDT
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 6, 19, 17, 0), Market.CmeEquity));   // 13:00 EDT
        Assert.False(_calendar.IsTradingDay(D(2026, 6, 19), Market.CmeEquity));
        Assert.Equal(D(2026, 6, 22), _calendar.TradeDate(Utc(2026, 6, 19, 14, 0), Market.CmeEquity));
    }

    [Fact]
    public void CmeThanksgiving_HaltsEquityBeforeEnergy_AndReopensAt1800ForFriday()
    {
        var halfPastOneEastern = Utc(2026, 11, 26, 18, 30);

        Assert.False(_calendar.IsMarketOpen(halfPastOneEastern, Market.CmeEquity));         // halted 13:00 ET
        Assert.True(_calendar.IsMarketOpen(halfPastOneEastern, Market.CmeEnergyMetals));    // halts 14:30 ET
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 11, 26, 23, 0), Market.CmeEquity));    // 18:00 ET
        Assert.Equal(D(2026, 11, 27), _calendar.TradeDate(Utc(2026, 11, 26, 23, 0), Market.CmeEquity));
        Assert.Equal(new TimeOnly(13, 15), _calendar.EarlyClose(D(2026, 11, 27), Market.CmeEquity));
        Assert.Equal(new TimeOnly(14, 45), _calendar.EarlyClose(D(2026, 11, 27), Market.CmeEnergyMetals));
    }

    [Fact]
    public void CmeChristmas2026_HasNoSessionUntilSundayEvening()
    {
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 12, 24, 23, 30), Market.CmeEquity));   // Thu 18:30 EST: Christmas session closed
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 12, 25, 15, 0), Market.CmeFx));
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 12, 27, 23, 0), Market.CmeEquity));     // Sun 18:00 EST
        Assert.Equal(D(2026, 12, 28), _calendar.TradeDate(Utc(2026, 12, 25, 15, 0), Market.CmeEquity));
    }

    [Fact]
    public void CmeGoodFriday2026_RunsAShortEquitySession_WhileEnergyStaysClosed()
    {
        Assert.True(_calendar.IsMarketOpen(Utc(2026, 4, 3, 13, 0), Market.CmeEquity));        // 09:00 EDT
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 4, 3, 13, 15), Market.CmeEquity));     // 09:15 EDT
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 4, 2, 22, 30), Market.CmeEnergyMetals)); // Thu 18:30 EDT
        Assert.False(_calendar.IsMarketOpen(Utc(2026, 4, 3, 13, 0), Market.CmeEnergyMetals));
    }

    [Fact]
    public void Dec31_2027_IsATradingDayOnCmeToo() =>
        Assert.True(_calendar.IsTradingDay(D(2027, 12, 31), Market.CmeEquity));

    [Fact]
    public void ConfiguredZone_ReturnsTimesOfDayInThatZone()
    {
        var central = new TradingCalendar(new CalendarOptions { TimeZone = "America/Chicago" });

        Assert.Equal(new TimeOnly(12, 0), central.EarlyClose(D(2026, 11, 27), Market.Nyse));
        Assert.Equal(Utc(2026, 11, 27, 18, 0), central.ToUtc(D(2026, 11, 27), new TimeOnly(12, 0)));
    }

    [Fact]
    public void ConfiguredDays_ExtendTheTable_AndBindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Calendar:Days:0:Market"] = "Nyse",
            ["Calendar:Days:0:Date"] = "2028-01-17",
            ["Calendar:Days:0:Kind"] = "Closed",
            ["Calendar:Days:0:Name"] = "Martin Luther King Jr. Day",
            ["Calendar:Days:1:Market"] = "Nyse",
            ["Calendar:Days:1:Date"] = "2028-07-03",
            ["Calendar:Days:1:Kind"] = "EarlyClose",
            ["Calendar:Days:1:StopsAt"] = "13:00",
        }).Build();
        using var services = new ServiceCollection().AddTradingCalendar(configuration).BuildServiceProvider();

        var calendar = services.GetRequiredService<TradingCalendar>();

        Assert.False(TradingCalendar.HasPublishedData(2028));
        Assert.False(calendar.IsTradingDay(D(2028, 1, 17), Market.Nyse));
        Assert.True(calendar.IsTradingDay(D(2028, 1, 18), Market.Nyse));
        Assert.Equal(new TimeOnly(13, 0), calendar.EarlyClose(D(2028, 7, 3), Market.Nyse));
    }

    [Fact]
    public void ConfiguredEarlyClose_WithoutATime_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new TradingCalendar(new CalendarOptions
        {
            Days = [new CalendarDay { Market = Market.Nyse, Date = D(2028, 7, 3), Kind = DayKind.EarlyClose }],
        }));
}
