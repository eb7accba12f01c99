using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>
/// Trading days and regular session hours for NYSE and the CME Globex groups.
/// Dates and times of day are read and returned in <see cref="ExchangeZone"/> (America/New_York by default);
/// session rules are defined in US Eastern time, as in the published tables.
/// </summary>
public sealed class TradingCalendar
{
    static readonly TimeOnly NyseOpen = new(9, 30);
    static readonly TimeOnly NyseClose = new(16, 0);
    static readonly TimeOnly CmeDailyHalt = new(17, 0);   // 16:00 CT; the hour until the reopen is maintenance

    readonly TimeZoneInfo _eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    readonly FrozenDictionary<(Market, DateOnly), CalendarDay> _days;

    public TradingCalendar(IOptions<CalendarOptions> options)
        : this(options.Value)
    {
    }

    public TradingCalendar(CalendarOptions? options = null)
    {
        options ??= new CalendarOptions();
        ExchangeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var days = PublishedCalendar.Days.ToDictionary(d => (d.Market, d.Date));
        foreach (var day in options.Days)
        {
            if (!day.IsValid)
                throw new ArgumentException($"Calendar day {day.Market} {day.Date:yyyy-MM-dd}: StopsAt is required for {day.Kind} and not allowed for Closed.", nameof(options));
            days[(day.Market, day.Date)] = day;   // configuration corrects or extends the built-in table
        }
        _days = days.ToFrozenDictionary();
    }

    public TimeZoneInfo ExchangeZone { get; }

    /// <summary>The calendar date of <paramref name="utc"/> in <see cref="ExchangeZone"/>.</summary>
    public DateOnly ExchangeDate(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, ExchangeZone).DateTime);

    /// <summary>The day that per-day limits count against (re-entry, entries per day): the exchange date.</summary>
    public DateOnly TradingDay(DateTimeOffset utc) => ExchangeDate(utc);

    /// <summary>
    /// The trade date <paramref name="utc"/> belongs to. CME sessions opening at 18:00 ET belong to the next
    /// day, and holiday sessions clear on the next trade date; instants between sessions on a day without
    /// trading (weekend, holiday) give the next trade date.
    /// </summary>
    public DateOnly TradeDate(DateTimeOffset utc, Market market)
    {
        var date = SessionDate(ToEastern(utc), market);
        while (!IsTradingDay(date, market))
            date = date.AddDays(1);
        return date;
    }

    /// <summary>
    /// The trade date an instrument's activity at <paramref name="utc"/> counts on: CME-group futures by their
    /// Globex session (18:00 ET the evening before to 17:00 ET), stocks and index options by the NYSE date.
    /// </summary>
    public DateOnly TradeDate(Instruments.ContractSpec instrument, DateTimeOffset utc) =>
        TradeDate(utc, instrument.Kind == Instruments.InstrumentKind.Future ? instrument.Market : Market.Nyse);

    /// <summary>True when <paramref name="date"/> is a trade date: a weekday that is not a closure or a CME holiday.</summary>
    public bool IsTradingDay(DateOnly date, Market market = Market.Nyse) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && SpecialDay(date, market) is null or { Kind: DayKind.EarlyClose };

    /// <summary>The holiday or shortened day for <paramref name="date"/>, or null on a normal day.</summary>
    public CalendarDay? SpecialDay(DateOnly date, Market market) => _days.GetValueOrDefault((market, date));

    /// <summary>The early close time (in <see cref="ExchangeZone"/>) on a shortened trading day, otherwise null.</summary>
    public TimeOnly? EarlyClose(DateOnly date, Market market = Market.Nyse) =>
        EarlyCloseEastern(date, market) is { } stop
            ? TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(EasternToUtc(date, stop), ExchangeZone).DateTime)
            : null;

    /// <summary>
    /// When trading stops on <paramref name="date"/>: the regular close, an early close or a CME holiday halt.
    /// Null when the market does not trade that day. For CME this is the daily 17:00 ET halt, not the weekly close.
    /// </summary>
    public DateTimeOffset? CloseUtc(DateOnly date, Market market)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return null;
        return SpecialDay(date, market) switch
        {
            { Kind: DayKind.Closed } => null,
            { StopsAt: { } stop } => EasternToUtc(date, stop),
            _ => EasternToUtc(date, market == Market.Nyse ? NyseClose : CmeDailyHalt),
        };
    }

    /// <summary>
    /// The instant of <paramref name="time"/> on <paramref name="date"/> in <see cref="ExchangeZone"/>.
    /// A time skipped by the spring-forward change is moved forward by the gap; a time repeated in the
    /// fall-back change is taken in daylight time, its first occurrence.
    /// </summary>
    public DateTimeOffset ToUtc(DateOnly date, TimeOnly time) => ToUtc(date, time, ExchangeZone);

    /// <summary>True during regular trading hours: NYSE 09:30-16:00 ET; CME 18:00-17:00 ET Sunday to Friday.</summary>
    public bool IsMarketOpen(DateTimeOffset utc, Market market)
    {
        var eastern = ToEastern(utc);
        var today = DateOnly.FromDateTime(eastern);
        var now = TimeOnly.FromDateTime(eastern);
        if (market == Market.Nyse)
            return IsTradingDay(today, market) && now >= NyseOpen && now < (EarlyCloseEastern(today, market) ?? NyseClose);

        var sessionDate = SessionDate(eastern, market);
        if (sessionDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return false;
        var special = SpecialDay(sessionDate, market);
        if (special is { Kind: DayKind.Closed })
            return false;
        if (sessionDate != today)
            return true;   // the evening part, after the 18:00 open
        return now < (special?.StopsAt ?? CmeDailyHalt);
    }

    /// <summary>True when the built-in table covers the year; outside it only weekends are known unless configured.</summary>
    public static bool HasPublishedData(int year) => year is >= PublishedCalendar.FirstYear and <= PublishedCalendar.LastYear;

    TimeOnly? EarlyCloseEastern(DateOnly date, Market market) =>
        SpecialDay(date, market) is { Kind: DayKind.EarlyClose, StopsAt: { } stop } ? stop : null;

    static DateOnly SessionDate(DateTime eastern, Market market) => TradeDates.Of(market, eastern);

    DateTime ToEastern(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, _eastern).DateTime;

    DateTimeOffset EasternToUtc(DateOnly date, TimeOnly time) => ToUtc(date, time, _eastern);

    static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()   // the larger offset is daylight time, the earlier instant
            : zone.GetUtcOffset(local);                   // standard offset for a skipped time: lands after the gap
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
