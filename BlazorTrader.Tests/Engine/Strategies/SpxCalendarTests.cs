using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.Options;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Strategies;

public class SpxCalendarTests
{
    static readonly TradingCalendar Calendar = new();
    static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Tue 2026-12-01 + 21 = Tue 12-22, an expiry
    [InlineData("2026-12-01", 21, "2026-12-22", false)]
    // Fri 2026-12-04 + 21 = Fri 12-25 Christmas -> Thu 12-24 (early close, still an expiry)
    [InlineData("2026-12-04", 21, "2026-12-24", true)]
    // Fri 2026-12-04 + 28 = Fri 2027-01-01 New Year -> Thu 12-31
    [InlineData("2026-12-04", 28, "2026-12-31", true)]
    // Tue 2026-12-01 + 25 = Sat 12-26 -> Fri 12-25 closed -> Thu 12-24
    [InlineData("2026-12-01", 25, "2026-12-24", true)]
    public void Expiry_IsTheDateOrTheNearestListedExpiryBeforeIt(string entry, int days, string expected, bool noted)
    {
        var choice = SpxwExpiries.Choose(D(entry), days, Calendar);

        Assert.Equal((D(entry).AddDays(days), D(expected)), (choice.Requested, choice.Expiry));
        Assert.Equal(noted, choice.Note is not null);
    }

    [Fact]
    public void ExpiryNote_SaysWhichDateAndWhy()
    {
        var choice = SpxwExpiries.Choose(D("2026-12-04"), 21, Calendar);

        Assert.Equal("2026-12-25 (Fri) (+21 days) is not an SPXW expiry (Christmas Day, exchange closed); using 2026-12-24 (Thu), the nearest expiry before it", choice.Note);
    }

    // A known chain: the short expiry's deltas as a broker would report them
    static readonly ChainOption[] KnownChain =
    [
        new(OptionRight.Put, 5650m, -0.14), new(OptionRight.Put, 5675m, -0.17), new(OptionRight.Put, 5690m, -0.20),   // 5690 is off the 25 step
        new(OptionRight.Put, 5700m, -0.18), new(OptionRight.Put, 5725m, -0.22), new(OptionRight.Put, 5750m, -0.26),
        new(OptionRight.Call, 6150m, 0.26), new(OptionRight.Call, 6175m, 0.21), new(OptionRight.Call, 6200m, 0.185),
        new(OptionRight.Call, 6225m, 0.15), new(OptionRight.Call, 6250m, double.NaN),
    ];

    [Fact]
    public void Strikes_AreClosestToTheTargetDelta_SeparatelyForPutAndCall_TiesToTheLowerStrike()
    {
        // puts on the 25 step: |0.18 - 0.20| = 0.02 = |0.22 - 0.20| -> tie -> the lower strike 5700 (5690 at exactly 0.20 is off the step)
        // calls: |0.21 - 0.20| = 0.01 < |0.185 - 0.20| = 0.015 -> 6175
        var choice = StrikeSelector.Choose(KnownChain, 0.20m, 25m);

        Assert.Equal((5700m, 6175m, (string?)null), (choice.PutStrike, choice.CallStrike, choice.Problem));
        Assert.Equal((-0.18, 0.21), (choice.PutDelta!.Value, choice.CallDelta!.Value));
    }

    [Fact]
    public void Strikes_OnAFinerStep_TakeTheExactDelta()
    {
        var choice = StrikeSelector.Choose(KnownChain, 0.20m, 5m);
        Assert.Equal(5690m, choice.PutStrike);
    }

    [Fact]
    public void NoCallsInTheChain_IsAProblemNamingThem()
    {
        var choice = StrikeSelector.Choose(KnownChain.Where(o => o.Right == OptionRight.Put), 0.20m, 25m);
        Assert.Equal("no call with a delta on a 25 strike step", choice.Problem);
    }

    [Fact]
    public void TheFourLegs_SellTheShortExpiry_AndBuyTheLong_AtTheSameStrikes()
    {
        var legs = DoubleCalendar.OpeningLegs(D("2026-12-22"), D("2026-12-29"), 5700m, 6175m);

        Assert.Equal(
            new[]
            {
                new CalendarLeg(LegAction.Sell, OptionRight.Put, D("2026-12-22"), 5700m),
                new CalendarLeg(LegAction.Sell, OptionRight.Call, D("2026-12-22"), 6175m),
                new CalendarLeg(LegAction.Buy, OptionRight.Put, D("2026-12-29"), 5700m),
                new CalendarLeg(LegAction.Buy, OptionRight.Call, D("2026-12-29"), 6175m),
            },
            legs);
        Assert.Equal(new[] { LegAction.Buy, LegAction.Buy, LegAction.Sell, LegAction.Sell }, DoubleCalendar.ClosingLegs(legs).Select(l => l.Action));
    }

    [Fact]
    public void ComboMid_IsLongMidsMinusShortMids_RoundedTo005()
    {
        // 14.20 + 9.00 - 10.125 - 6.05 = 7.025 -> 140.5 ticks -> 141 -> 7.05
        var legs = DoubleCalendar.OpeningLegs(D("2026-12-22"), D("2026-12-29"), 5700m, 6175m);
        var mid = ComboPrice.Mid([(legs[0], 10.125m), (legs[1], 6.05m), (legs[2], 14.20m), (legs[3], 9.00m)]);
        Assert.Equal(7.05m, mid);
    }

    [Fact]
    public void Ladder_WalksUpByTheIncrement_ToTheMaxAttempts()
    {
        // defaults: 5 attempts of +0.05 from 20.15, cap 20.15 + 0.25 = 20.40 not reached
        Assert.Equal(new[] { 20.15m, 20.20m, 20.25m, 20.30m, 20.35m }, LimitLadder.Prices(20.15m, new SpxCalendarParameters()));
    }

    [Fact]
    public void Ladder_NeverPaysMoreThanMidPlusMaxPremium()
    {
        // cap 20.15 + 0.10 = 20.25: 20.15, 20.20, 20.25, then 20.30 and 20.35 are above the cap -> the ladder ends at the cap
        Assert.Equal(new[] { 20.15m, 20.20m, 20.25m }, LimitLadder.Prices(20.15m, 0.05m, 5, 0.10m));
        // an increment that jumps past the cap stops at the cap exactly: 20.15, 20.25 (cap), done
        Assert.Equal(new[] { 20.15m, 20.25m }, LimitLadder.Prices(20.15m, 0.15m, 5, 0.10m));
    }

    [Theory]
    [InlineData(20.13, 30.20)]   // 20.13 x 1.5 = 30.195 -> 603.9 ticks -> 604 -> 30.20 (the original's GTC floored to 0.10: 30.10)
    [InlineData(20.15, 30.25)]   // 30.225 -> 604.5 ticks -> 605 (half away from zero) -> 30.25
    [InlineData(7.05, 10.60)]    // 10.575 -> 211.5 -> 212 -> 10.60
    public void ProfitTarget_IsTheDebitPlus50Percent_RoundedOnce(decimal debit, decimal expected) =>
        Assert.Equal(expected, ProfitTarget.Price(debit, 50m));

    [Theory]
    // Tue 12-01 + 14 = Tue 12-15, 15:00 EST = 20:00 UTC
    [InlineData("2026-12-01", "2026-12-15", "2026-12-15T20:00:00Z", false)]
    // Fri 12-11 + 14 = Fri 12-25 Christmas -> Mon 12-28 15:00
    [InlineData("2026-12-11", "2026-12-28", "2026-12-28T20:00:00Z", true)]
    // Thu 11-12 + 14 = Thu 11-26 Thanksgiving -> Fri 11-27, which closes at 13:00 -> 12:45 EST
    [InlineData("2026-11-12", "2026-11-27", "2026-11-27T17:45:00Z", true)]
    // summer: Tue 2026-06-02 + 14 = Tue 06-16, 15:00 EDT = 19:00 UTC
    [InlineData("2026-06-02", "2026-06-16", "2026-06-16T19:00:00Z", false)]
    public void TimeExit_IsOnTheFourteenthDay_OrTheNextTradingDay(string entry, string date, string at, bool noted)
    {
        var exit = TimeExit.For(D(entry), new SpxCalendarParameters(), Calendar);

        Assert.Equal((D(date), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)), (exit.Date, exit.AtUtc));
        Assert.Equal(noted, exit.Note is not null);
    }

    [Fact]
    public void EntryKey_IsStrategyTradeDateAndEntry() =>
        Assert.Equal("spxcal:3:2026-12-01:entry", SpxCalendarKeys.Entry(3, D("2026-12-01")));

    [Fact]
    public void Planner_OnTheModelChain_PicksTheNearestDeltas_AndPricesTheCombo()
    {
        // Arrange: Tue 2026-12-01 09:45 ET, SPX 6000
        var now = new DateTimeOffset(2026, 12, 1, 14, 45, 0, TimeSpan.Zero);
        var pricer = new OptionPricer();
        var shortExpiry = D("2026-12-22");
        var longExpiry = D("2026-12-29");
        var chains = new[] { shortExpiry, longExpiry }.ToDictionary(e => e,
            e => ModelChain.Build(pricer, 6000, e, SpxwExpiries.SettlesAtUtc(e, Calendar), now, 5m));
        var planner = new CalendarEntryPlanner(Calendar, new FakeTimeProvider(now));
        OptionQuote? Quote(OptionRight r, decimal k, DateOnly e) => chains[e].SingleOrDefault(q => q.Right == r && q.Strike == k);

        // Act
        var decision = planner.Plan(3, new SpxCalendarParameters(), 6000m, 0,
            chains[shortExpiry].Select(q => new ChainOption(q.Right, q.Strike, q.Delta)), Quote);

        // Assert
        var plan = decision.Plan!;
        Assert.Null(decision.Blocked);
        Assert.Equal((shortExpiry, longExpiry, "spxcal:3:2026-12-01:entry"), (plan.ShortExpiry.Expiry, plan.LongExpiry.Expiry, plan.IdempotencyKey));
        var puts = chains[shortExpiry].Where(q => q.Right == OptionRight.Put).ToList();
        var bestPut = puts.MinBy(q => Math.Abs(Math.Abs(q.Delta) - 0.20))!;
        Assert.Equal(bestPut.Strike, plan.Strikes.PutStrike);
        Assert.InRange(Math.Abs(plan.Strikes.PutDelta!.Value), 0.18, 0.22);
        Assert.InRange(plan.Strikes.CallDelta!.Value, 0.18, 0.22);
        Assert.True(plan.Strikes.PutStrike < 6000m && plan.Strikes.CallStrike > 6000m);
        var expectedMid = ComboPrice.RoundToTick(plan.Legs.Sum(l => l.Sign * Quote(l.Right, l.Strike, l.Expiry)!.Mid));
        Assert.Equal(expectedMid, plan.ComboMid);
        Assert.True(plan.ComboMid > 0);
        Assert.Equal(new[] { 0m, 0.05m, 0.10m, 0.15m, 0.20m }, plan.LimitPrices.Select(p => p - plan.ComboMid));
        Assert.Equal(D("2026-12-15"), plan.TimeExit.Date);
    }

    [Fact]
    public void Planner_AtMaxOpen_IsBlocked()
    {
        var planner = new CalendarEntryPlanner(Calendar, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 45, 0, TimeSpan.Zero)));

        var decision = planner.Plan(3, new SpxCalendarParameters(), 6000m, 7, KnownChain, (_, _, _) => null);

        Assert.Equal((null, "max open (7 of 7)"), (decision.Plan, decision.Blocked));
    }

    [Fact]
    public void Parameters_Defaults_AreTheIssues_AndValid()
    {
        var p = new SpxCalendarParameters();
        Assert.Equal((4, 7, 21, 28, 0.20m, 5m, 0.05m, 5, 15, 0.25m, 50m, 14, new TimeOnly(15, 0), new TimeOnly(17, 0)),
            (p.Quantity, p.MaxOpen, p.ShortDays, p.LongDays, p.TargetDelta, p.StrikeStep, p.PriceIncrement, p.MaxAttempts, p.AttemptSeconds,
             p.MaxPremium, p.ProfitTargetPercent, p.ExitAfterDays, p.ExitTime, p.ReconcileTime));
        Assert.Empty(p.Validate());
    }

    [Fact]
    public void Parameters_Validator_NamesEachBadField()
    {
        var bad = new SpxCalendarParameters
        {
            Quantity = 0, MaxOpen = 0, ShortDays = 21, LongDays = 21, TargetDelta = 0.5m, StrikeStep = 2.5m, PriceIncrement = 0.03m,
            MaxAttempts = 0, AttemptSeconds = 0, MaxPremium = -0.05m, ProfitTargetPercent = 0, ExitAfterDays = 21, ExitTime = new TimeOnly(16, 30),
        };

        Assert.Equal(
            new[] { "attemptSeconds", "exitAfterDays", "exitTime", "longDays", "maxAttempts", "maxOpen", "maxPremium", "priceIncrement",
                    "profitTargetPercent", "quantity", "strikeStep", "targetDelta" }.Select(f => "parameters." + f),
            bad.Validate().Keys.Order());
    }
}
