using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling;

/// <summary>Log messages of the Scheduling area (event ids 6000-6099).</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(6001, LogLevel.Information, "Scheduled entry of strategy {StrategyId} skipped on {Day}: {Reason}")]
    public static partial void EntrySkipped(this ILogger logger, long strategyId, DateOnly day, string reason);

    [LoggerMessage(6002, LogLevel.Information, "Scheduled {Action} of strategy {StrategyId} ({Key}): {Outcome}")]
    public static partial void OrderOutcome(this ILogger logger, string action, long strategyId, string key, string outcome);

    [LoggerMessage(6003, LogLevel.Information, "End-of-day flatten {Key}: {Outcome}")]
    public static partial void Flattened(this ILogger logger, string key, string outcome);

    [LoggerMessage(6004, LogLevel.Information, "Reconciliation: {Checked} open intent(s) checked, {Changed} changed")]
    public static partial void Reconciled(this ILogger logger, int @checked, int changed);

    [LoggerMessage(6005, LogLevel.Information, "Daily snapshot {Key}: {Outcome}")]
    public static partial void Snapshot(this ILogger logger, string key, string outcome);

    [LoggerMessage(6007, LogLevel.Information, "Protection check: {Positions} position(s), {Placed} placed, {Modified} modified, {Cancelled} cancelled")]
    public static partial void ProtectionChecked(this ILogger logger, int positions, int placed, int modified, int cancelled);

    [LoggerMessage(6006, LogLevel.Information, "Recurring jobs registered: {System} system job(s), {Strategies} strategy job(s); {Removed} stale job(s) removed")]
    public static partial void JobsRegistered(this ILogger logger, int system, int strategies, int removed);
}
