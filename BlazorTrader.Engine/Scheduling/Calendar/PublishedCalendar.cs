using System.Globalization;

namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>
/// Holidays and shortened days for 2026 and 2027, as published by NYSE and CME
/// (docs/design.md "Trading calendar and contract specs"). Every time is US Eastern: CME publishes
/// Central time, which is always Eastern minus one hour. CME 2027 is projected by CME's usual rule.
/// </summary>
internal static class PublishedCalendar
{
    public const int FirstYear = 2026;
    public const int LastYear = 2027;

    public static IReadOnlyList<CalendarDay> Days { get; } =
    [
        // NYSE full holidays (1a) and 13:00 early closes (1b). Fri Dec 31 2027 is a normal day:
        // New Year's Day 2028 falls on a Saturday and is not observed early.
        Nyse("2026-01-01", Closed, "New Year's Day"),
        Nyse("2026-01-19", Closed, "Martin Luther King Jr. Day"),
        Nyse("2026-02-16", Closed, "Washington's Birthday"),
        Nyse("2026-04-03", Closed, "Good Friday"),
        Nyse("2026-05-25", Closed, "Memorial Day"),
        Nyse("2026-06-19", Closed, "Juneteenth"),
        Nyse("2026-07-03", Closed, "Independence Day (observed)"),
        Nyse("2026-09-07", Closed, "Labor Day"),
        Nyse("2026-11-26", Closed, "Thanksgiving Day"),
        Nyse("2026-11-27", Early(13, 00), "Day after Thanksgiving"),
        Nyse("2026-12-24", Early(13, 00), "Christmas Eve"),
        Nyse("2026-12-25", Closed, "Christmas Day"),

        Nyse("2027-01-01", Closed, "New Year's Day"),
        Nyse("2027-01-18", Closed, "Martin Luther King Jr. Day"),
        Nyse("2027-02-15", Closed, "Washington's Birthday"),
        Nyse("2027-03-26", Closed, "Good Friday"),
        Nyse("2027-05-31", Closed, "Memorial Day"),
        Nyse("2027-06-18", Closed, "Juneteenth (observed)"),
        Nyse("2027-07-05", Closed, "Independence Day (observed)"),
        Nyse("2027-09-06", Closed, "Labor Day"),
        Nyse("2027-11-25", Closed, "Thanksgiving Day"),
        Nyse("2027-11-26", Early(13, 00), "Day after Thanksgiving"),
        Nyse("2027-12-24", Closed, "Christmas Day (observed)"),

        // CME Globex (1c), ET.           equity index   energy+metals  rates          FX
        .. Cme("2026-01-01", "New Year's Day", Closed, Closed, Closed, Closed),
        .. Cme("2026-01-19", "Martin Luther King Jr. Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2026-02-16", "Washington's Birthday", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        // Jobs report on Good Friday 2026: abbreviated equity, rates and FX sessions; energy and metals closed.
        .. Cme("2026-04-03", "Good Friday", Halt(09, 15), Closed, Halt(11, 15), Halt(11, 15)),
        .. Cme("2026-05-25", "Memorial Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        // Friday holidays: every group stops at 12:00 CT.
        .. Cme("2026-06-19", "Juneteenth", Halt(13, 00), Halt(13, 00), Halt(13, 00), Halt(13, 00)),
        .. Cme("2026-07-03", "Independence Day (observed)", Halt(13, 00), Halt(13, 00), Halt(13, 00), Halt(13, 00)),
        .. Cme("2026-09-07", "Labor Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2026-11-26", "Thanksgiving Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2026-11-27", "Day after Thanksgiving", Early(13, 15), Early(14, 45), Early(13, 15), Early(14, 45)),
        .. Cme("2026-12-24", "Christmas Eve", Early(13, 15), Early(13, 45), Early(13, 15), Early(13, 45)),
        .. Cme("2026-12-25", "Christmas Day", Closed, Closed, Closed, Closed),

        .. Cme("2027-01-01", "New Year's Day", Closed, Closed, Closed, Closed),
        .. Cme("2027-01-18", "Martin Luther King Jr. Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2027-02-15", "Washington's Birthday", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        // No jobs report on Good Friday 2027 (due Apr 2): expected full closure.
        .. Cme("2027-03-26", "Good Friday", Closed, Closed, Closed, Closed),
        .. Cme("2027-05-31", "Memorial Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2027-06-18", "Juneteenth (observed)", Halt(13, 00), Halt(13, 00), Halt(13, 00), Halt(13, 00)),
        .. Cme("2027-07-05", "Independence Day (observed)", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2027-09-06", "Labor Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2027-11-25", "Thanksgiving Day", Halt(13, 00), Halt(14, 30), Halt(13, 00), Halt(17, 00)),
        .. Cme("2027-11-26", "Day after Thanksgiving", Early(13, 15), Early(14, 45), Early(13, 15), Early(14, 45)),
        .. Cme("2027-12-24", "Christmas Day (observed)", Closed, Closed, Closed, Closed),
    ];

    readonly record struct Rule(DayKind Kind, TimeOnly? StopsAt);

    static Rule Closed => new(DayKind.Closed, null);
    static Rule Halt(int hour, int minute) => new(DayKind.HolidayHalt, new TimeOnly(hour, minute));
    static Rule Early(int hour, int minute) => new(DayKind.EarlyClose, new TimeOnly(hour, minute));

    static CalendarDay Nyse(string date, Rule rule, string name) => Day(Market.Nyse, date, rule, name);

    static CalendarDay[] Cme(string date, string name, Rule equity, Rule energyMetals, Rule rates, Rule fx) =>
    [
        Day(Market.CmeEquity, date, equity, name),
        Day(Market.CmeEnergyMetals, date, energyMetals, name),
        Day(Market.CmeRates, date, rates, name),
        Day(Market.CmeFx, date, fx, name),
    ];

    static CalendarDay Day(Market market, string date, Rule rule, string name) => new()
    {
        Market = market,
        Date = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Kind = rule.Kind,
        StopsAt = rule.StopsAt,
        Name = name,
    };
}
