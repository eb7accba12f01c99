using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Scheduling.Strategies;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Common;
using Hangfire.Storage;

namespace BlazorTrader.Tests.Engine.Scheduling;

/// <summary>
/// Hangfire's own next-occurrence computation (its embedded Cronos, in the job's time zone) for the jobs <see cref="StrategySchedule"/>
/// registers. Each test has its own storage and a manager with a fixed clock, so nothing static is shared.
/// </summary>
public class StrategyScheduleTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Theory]
    // Winter (EST, UTC-5) and summer (EDT, UTC-4)
    [InlineData("2026-12-15T00:00:00Z", "2026-12-15T14:45:00Z")]
    [InlineData("2026-07-15T00:00:00Z", "2026-07-15T13:45:00Z")]
    // Around the fall-back change on Sunday 2026-11-01: Friday still summer, Monday winter
    [InlineData("2026-10-30T00:00:00Z", "2026-10-30T13:45:00Z")]
    [InlineData("2026-10-30T13:46:00Z", "2026-11-02T14:45:00Z")]
    [InlineData("2026-11-01T12:00:00Z", "2026-11-02T14:45:00Z")]
    [InlineData("2026-11-02T14:44:00Z", "2026-11-02T14:45:00Z")]
    // Around the spring-forward change on Sunday 2027-03-14: Friday still winter, Monday summer
    [InlineData("2027-03-12T00:00:00Z", "2027-03-12T14:45:00Z")]
    [InlineData("2027-03-12T14:46:00Z", "2027-03-15T13:45:00Z")]
    [InlineData("2027-03-14T12:00:00Z", "2027-03-15T13:45:00Z")]
    // After Friday's entry the next one is Monday: never a Saturday
    [InlineData("2026-11-20T15:00:00Z", "2026-11-23T14:45:00Z")]
    public void EntryAt0945NewYork_IsNextDueAtTheUtcInstantOfThatDay(string nowUtc, string expectedUtc)
    {
        // Arrange
        var now = DateTime.Parse(nowUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var (storage, schedule) = Create(now);

        // Act
        schedule.Apply(Strategy(entry: new TimeOnly(9, 45)));

        // Assert
        var job = Job(storage, ScheduleKeys.EntryJob(1));
        Assert.Equal("America/New_York", job.TimeZoneId);
        Assert.Equal("45 9 * * 1,2,3,4,5", job.Cron);
        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), job.NextExecution);
    }

    [Fact]
    public void EveryDayOfTheWeeksAroundBothChanges_FiresAt1445UtcInWinterAnd1345UtcInSummer()
    {
        var calendar = new TradingCalendar();
        for (var day = new DateOnly(2026, 10, 26); day <= new DateOnly(2027, 3, 19); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            if (day > new DateOnly(2026, 11, 6) && day < new DateOnly(2027, 3, 8)) continue;   // the weeks around the changes
            var (storage, schedule) = Create(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            schedule.Apply(Strategy(entry: new TimeOnly(9, 45)));

            var next = Job(storage, ScheduleKeys.EntryJob(1)).NextExecution!.Value;

            var summer = day < new DateOnly(2026, 11, 1) || day > new DateOnly(2027, 3, 14);
            Assert.Equal(day.ToDateTime(new TimeOnly(summer ? 13 : 14, 45), DateTimeKind.Utc), next);
            Assert.Equal(calendar.ToUtc(day, new TimeOnly(9, 45)).UtcDateTime, next);
        }
    }

    [Fact]
    public void DisabledStrategy_KeepsItsExitButNotItsEntry_AndRemoveDropsBoth()
    {
        // Arrange
        var (storage, schedule) = Create(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc));
        var strategy = Strategy(entry: new TimeOnly(9, 45));
        schedule.Apply(strategy);

        // Act
        strategy.Enabled = false;
        schedule.Apply(strategy);

        // Assert
        Assert.Null(TryJob(storage, ScheduleKeys.EntryJob(1)));
        Assert.Equal("0 15 * * 1,2,3,4,5", Job(storage, ScheduleKeys.ExitJob(1)).Cron);
        Assert.Equal(new DateTime(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc), Job(storage, ScheduleKeys.ExitJob(1)).NextExecution);
        schedule.Remove(1);
        Assert.Null(TryJob(storage, ScheduleKeys.ExitJob(1)));
    }

    private static (JobStorage Storage, StrategySchedule Schedule) Create(DateTime nowUtc)
    {
        var storage = new InMemoryStorage();
        var manager = new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => nowUtc);
        return (storage, new StrategySchedule(manager, new TradingCalendar(), []));
    }

    private static ScheduledStrategyEntity Strategy(TimeOnly entry) => new()
    {
        Id = 1, Name = "open drive", AccountId = 1, Ticker = "MNQ1!", Side = OrderAction.Buy, Size = 1, EntryTime = entry,
        ExitTime = new TimeOnly(15, 0), Days = [.. Weekdays], Enabled = true,
    };

    private static RecurringJobDto Job(JobStorage storage, string id) => TryJob(storage, id) ?? throw new Xunit.Sdk.XunitException($"no recurring job {id}");

    private static RecurringJobDto? TryJob(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([id]).FirstOrDefault(j => !j.Removed);
    }
}
