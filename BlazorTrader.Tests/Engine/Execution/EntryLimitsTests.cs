using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Tests.Engine.Execution;

public class EntryLimitsTests
{
    private static readonly DateOnly Day = new(2026, 11, 18);

    [Fact]
    public void NoLimits_DenyNothing() =>
        Assert.Null(EntryLimits.Deny(EntryLimitSet.None, new DayActivity(100, true, -1_000_000), "ES1!", 500, Day));

    [Theory]
    [InlineData(1, 0, null)]
    [InlineData(1, 1, "max entries per day")]
    public void MaxEntries_DeniesOnceReached(int max, int entries, string? reason) =>
        AssertReason(reason, EntryLimits.Deny(EntryLimitSet.None with { MaxEntriesPerDay = max }, new DayActivity(entries, false, 0), "ES1!", 1, Day));

    [Theory]
    [InlineData(-99.99, null)]
    [InlineData(-100, "max daily loss")]
    public void MaxDailyLoss_DeniesAtTheLimit(decimal realized, string? reason) =>
        AssertReason(reason, EntryLimits.Deny(EntryLimitSet.None with { MaxDailyLoss = 100 }, new DayActivity(0, false, realized), "ES1!", 1, Day));

    [Theory]
    [InlineData(2, null)]
    [InlineData(-3, "max position size")]
    public void MaxPositionSize_ComparesTheAbsoluteResult(decimal resulting, string? reason) =>
        AssertReason(reason, EntryLimits.Deny(EntryLimitSet.None with { MaxPositionSize = 2 }, new DayActivity(0, false, 0), "ES1!", resulting, Day));

    private static void AssertReason(string? expected, string? actual)
    {
        if (expected is null) Assert.Null(actual);
        else Assert.Contains(expected, actual);
    }
}
