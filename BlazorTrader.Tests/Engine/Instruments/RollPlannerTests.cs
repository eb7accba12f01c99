using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Tests.Engine.Instruments;

public class RollPlannerTests
{
    private static readonly TradingCalendar Calendar = new();
    private static readonly ContinuousContracts Contracts = new(InstrumentCatalog.FromConfiguration(null), Calendar);
    private static readonly RollPlanner Planner = new(Calendar);

    private static (ContractMonth Held, ContractMonth Front, ContractMonth Next) At(DateTimeOffset utc) =>
        (Contracts.Dated(Parse("MNQZ2026"))!, Contracts.Resolve("MNQ1!", utc)!, Contracts.Resolve("MNQ2!", utc)!);

    private static ParsedTicker Parse(string ticker)
    {
        Assert.True(InstrumentCatalog.FromConfiguration(null).TryParse(ticker, out var parsed, out _));
        return parsed;
    }

    [Fact]
    public void HeldFrontMonth_FarFromExpiry_NeedsNothing()
    {
        var (held, front, next) = At(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

        Assert.Null(Planner.Plan(7, 2, held, front, next, new DateOnly(2026, 12, 1), Market.CmeEquity));
    }

    [Fact]
    public void AfterTheRollDate_TheHeldMonthIsRolledToTheNewFront_OnceByItsKey()
    {
        // Fri Dec 11: MNQ1! is March since the Dec 10 roll; December's last trade (Dec 18) is 5 trading days away
        var (held, front, next) = At(new DateTimeOffset(2026, 12, 11, 15, 0, 0, TimeSpan.Zero));

        var plan = Planner.Plan(7, 2, held, front, next, new DateOnly(2026, 12, 11), Market.CmeEquity)!;

        Assert.Equal((true, true, 5, "MNQZ2026", "MNQH2027", 2m, "roll:7:202612:202703"),
            (plan.Warn, plan.Roll, plan.TradingDaysLeft, plan.From.DatedSymbol, plan.To.DatedSymbol, plan.Quantity, plan.IdempotencyKey));
    }

    [Fact]
    public void ThreeTradingDaysBeforeTheLastTrade_AHeldFrontMonthWarns()
    {
        // A roll rule of 2 trading days keeps December the front month until Wed Dec 16; on Tue Dec 15, 3 trading days remain
        var catalog = InstrumentCatalog.FromConfiguration(null);
        var spec = catalog.SpecFor("MNQ1!") with { RollTradingDays = 2 };
        var held = new ContractMonth("MNQ", 2026, 12, Contracts.LastTradeDate(spec, 2026, 12), new DateOnly(2026, 12, 16), ContractMonthSource.ListingRule);
        var next = new ContractMonth("MNQ", 2027, 3, new DateOnly(2027, 3, 19), new DateOnly(2027, 3, 17), ContractMonthSource.ListingRule);

        var warned = Planner.Plan(7, 1, held, held, next, new DateOnly(2026, 12, 15), Market.CmeEquity)!;
        var earlier = Planner.Plan(7, 1, held, held, next, new DateOnly(2026, 12, 14), Market.CmeEquity);

        Assert.Equal((true, false, 3, "MNQH2027"), (warned.Warn, warned.Roll, warned.TradingDaysLeft, warned.To.DatedSymbol));
        Assert.Null(earlier);
    }
}
