using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Strategies;

namespace BlazorTrader.Engine.Commands;

public enum ScheduledExitStatus { Accepted, Duplicate, NothingToClose }

public sealed record ScheduledExitOutcome(ScheduledExitStatus Status, long? IntentId = null, decimal Quantity = 0, string? Reason = null);

/// <summary>
/// Closes what the order keyed <see cref="EntryKey"/> opened and its bracket left open (a scheduled time exit): cancels the
/// entry's unfilled rest and its take-profit and stop, then sends the opposite of the net filled quantity, keyed <see cref="ExitKey"/>.
/// Decided on the loop, so a bracket fill arriving meanwhile is counted and never over-closed.
/// </summary>
public sealed record CloseScheduledEntry(string EntryKey, string ExitKey) : EngineRequest<ScheduledExitOutcome>, IExecutionCommand;

public sealed record DailySnapshotOutcome(bool Duplicate, int RecordersRecorded, decimal RealizedToday, int TradesClosedToday);

/// <summary>End of the trading day: a pnl_history point per recorder and a daily summary notification; a repeat of the key is harmless.</summary>
public sealed record RecordDailySnapshot(string IdempotencyKey, DateOnly TradingDay) : EngineRequest<DailySnapshotOutcome>;

/// <summary>What saving a scheduled strategy gave: the strategy, or the fields that were wrong, or that it was deleted meanwhile.</summary>
public readonly record struct ScheduledStrategySaved(ScheduledStrategyEntity? Strategy, Dictionary<string, string[]> Errors, bool NotFound = false)
{
    public bool Ok => Strategy is not null;
}

/// <summary>
/// Creates (no <see cref="Id"/>) or changes a scheduled strategy and its Hangfire jobs, on the engine loop like recorders:
/// a job of the strategy that runs meanwhile reads it before the change or after, never while it is written.
/// </summary>
public sealed record SaveScheduledStrategy(long? Id, ScheduledStrategyDraft Draft) : EngineRequest<ScheduledStrategySaved>;

/// <summary>Deletes a scheduled strategy and its jobs; false when there is none.</summary>
public sealed record DeleteScheduledStrategy(long Id) : EngineRequest<bool>;
