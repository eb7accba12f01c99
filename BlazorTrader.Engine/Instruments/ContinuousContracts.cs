using System.Globalization;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Instruments;

/// <summary>
/// What a continuous futures ticker means on a day, with no roll table to maintain: <c>1!</c> is the first
/// listed contract (the spec's <c>months</c>) whose roll date is still ahead, <c>2!</c> the one after it. A
/// contract's last trade date follows its exchange rule (<see cref="LastTradeRule"/>) on the trading calendar;
/// it rolls <c>rollTradingDays</c> trading days before that (equity index: 6, the Thursday 8 calendar days
/// before the third-Friday expiry, when volume moves to the next quarter). A configured front month
/// (<c>InteractiveBrokers:FrontMonths:&lt;ROOT&gt;</c>) overrides the rule for <c>1!</c>.
/// </summary>
public sealed class ContinuousContracts(InstrumentCatalog instruments, TradingCalendar calendar, IReadOnlyDictionary<string, string>? frontMonths = null)
{
    private readonly IReadOnlyDictionary<string, string> _frontMonths = frontMonths ?? new Dictionary<string, string>();

    /// <summary>The contract <paramref name="ticker"/> means at <paramref name="utc"/>; null for dated contracts, stocks and roots without a listing rule.</summary>
    public ContractMonth? Resolve(ParsedTicker ticker, DateTimeOffset utc)
    {
        if (ticker.ContinuousIndex is not { } index || index < 1) return null;
        var spec = instruments.SpecFor(ticker);
        if (index == 1 && Configured(ticker.Root, spec) is { } configured) return configured;
        if (!spec.Rolls) return null;
        var tradeDate = calendar.TradeDate(utc, spec.Market);
        var found = 0;
        foreach (var contract in Listed(spec, new DateOnly(tradeDate.Year, tradeDate.Month, 1).AddMonths(-1)))
        {
            if (contract.RollDate > tradeDate && ++found == index) return contract;
        }
        return null;
    }

    public ContractMonth? Resolve(string ticker, DateTimeOffset utc) =>
        instruments.TryParse(ticker, out var parsed, out _) ? Resolve(parsed, utc) : null;

    /// <summary>The contract of a dated ticker (MNQZ2026), with its last trade and roll dates when the root has a rule.</summary>
    public ContractMonth? Dated(ParsedTicker ticker)
    {
        if (ticker is not { MonthCode: { } code, Year: { } year }) return null;
        return Month(instruments.SpecFor(ticker), year, ContractMonth.MonthCodes.IndexOf(code) + 1);
    }

    /// <summary>One dated contract of the root, with its last trade and roll dates when the root has a rule.</summary>
    public ContractMonth Month(ContractSpec spec, int year, int month) =>
        spec.Rolls ? Contract(spec, year, month) : new ContractMonth(spec.Root, year, month, null, null, ContractMonthSource.ListingRule);

    /// <summary>The contract's last trade date by its exchange rule.</summary>
    public DateOnly LastTradeDate(ContractSpec spec, int year, int month) => spec.LastTrade switch
    {
        LastTradeRule.ThirdFriday => Nth(year, month, DayOfWeek.Friday, 3),
        LastTradeRule.CrudeOil => CrudeOil(spec.Market, year, month),
        LastTradeRule.MicroCrudeOil => BusinessDaysBefore(CrudeOil(spec.Market, year, month), 1, spec.Market),
        LastTradeRule.ThirdLastBusinessDay => BusinessDaysBefore(LastBusinessDay(year, month, spec.Market), 2, spec.Market),
        LastTradeRule.SeventhBusinessDayBeforeLast => BusinessDaysBefore(LastBusinessDay(year, month, spec.Market), 7, spec.Market),
        LastTradeRule.SecondBusinessDayBeforeThirdWednesday => BusinessDaysBefore(Nth(year, month, DayOfWeek.Wednesday, 3), 2, spec.Market),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), $"{spec.Root} has no last trade rule"),
    };

    private ContractMonth Contract(ContractSpec spec, int year, int month)
    {
        var last = LastTradeDate(spec, year, month);
        return new ContractMonth(spec.Root, year, month, last, BusinessDaysBefore(last, spec.RollTradingDays, spec.Market), ContractMonthSource.ListingRule);
    }

    private IEnumerable<ContractMonth> Listed(ContractSpec spec, DateOnly from)
    {
        for (var date = from; date < from.AddYears(3); date = date.AddMonths(1))
            if (spec.Months!.Contains(ContractMonth.MonthCodes[date.Month - 1])) yield return Contract(spec, date.Year, date.Month);
    }

    private ContractMonth? Configured(string root, ContractSpec spec)
    {
        if (!_frontMonths.TryGetValue(root, out var text) || text.Length != 6
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            return null;
        var ruled = spec.Rolls ? Contract(spec, year, month) : null;
        return new ContractMonth(spec.Root, year, month, ruled?.LastTradeDate, ruled?.RollDate, ContractMonthSource.Configured);
    }

    /// <summary>CL: 3 business days before the 25th of the month before the contract month, 4 when the 25th is not a business day.</summary>
    private DateOnly CrudeOil(Market market, int year, int month)
    {
        var the25th = new DateOnly(year, month, 25).AddMonths(-1);
        return BusinessDaysBefore(the25th, calendar.IsTradingDay(the25th, market) ? 3 : 4, market);
    }

    private DateOnly LastBusinessDay(int year, int month, Market market)
    {
        var date = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (!calendar.IsTradingDay(date, market)) date = date.AddDays(-1);
        return date;
    }

    private DateOnly BusinessDaysBefore(DateOnly date, int count, Market market)
    {
        while (count > 0)
        {
            date = date.AddDays(-1);
            if (calendar.IsTradingDay(date, market)) count--;
        }
        return date;
    }

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }
}
