using System.Globalization;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>
/// Names of recurring jobs and the idempotency keys of the orders they cause. A key holds the trading day, so every
/// run of one job on one day (a second firing, a retry, a dashboard trigger, a run after a restart) is the same order.
/// </summary>
public static class ScheduleKeys
{
    public const string StrategyJobPrefix = "strategy:";
    public const string ReconciliationJob = "reconciliation";
    public const string DailySnapshotJob = "daily-snapshot";
    public const string ProtectionCheckJob = "protection-check";

    public static string EntryJob(long strategyId) => $"{StrategyJobPrefix}{strategyId}:entry";
    public static string ExitJob(long strategyId) => $"{StrategyJobPrefix}{strategyId}:exit";
    public static string EndOfDayFlattenJob(string instrumentClass) => $"eod-flatten:{instrumentClass.ToLowerInvariant()}";
    public static string EarlyCloseFlattenJob(string instrumentClass) => $"eod-flatten-early:{instrumentClass.ToLowerInvariant()}";

    public static string EntryIntent(long strategyId, DateOnly tradingDay) => $"sched:{strategyId}:{Day(tradingDay)}:entry";
    public static string ExitIntent(long strategyId, DateOnly tradingDay) => $"sched:{strategyId}:{Day(tradingDay)}:exit";
    public static string EndOfDayFlatten(string instrumentClass, DateOnly tradingDay) => $"eod:{instrumentClass.ToLowerInvariant()}:{Day(tradingDay)}";
    public static string DailySnapshot(DateOnly tradingDay) => $"snapshot:{Day(tradingDay)}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
