namespace BlazorTrader.Engine.Events;

/// <summary>Published by the engine after each change. Immutable; subscribers must not block.</summary>
public abstract record EngineEvent(DateTimeOffset At);

public sealed record PositionSnapshot(
    long Id, long RecorderId, string Ticker, string Side, decimal TotalQuantity, decimal AvgEntryPrice,
    decimal? CurrentPrice, decimal UnrealizedPnl, decimal RealizedPnl, decimal WorstUnrealizedPnl,
    decimal BestUnrealizedPnl, string Status, DateTime OpenedAt, DateTime? ClosedAt, bool ExitsPaused = false);

public sealed record PositionChanged(DateTimeOffset At, PositionSnapshot Position) : EngineEvent(At);

/// <summary>Live prices moved open positions; published at most a few times a second, never per tick.</summary>
public sealed record PositionsRepriced(DateTimeOffset At, IReadOnlyList<PositionSnapshot> Positions) : EngineEvent(At);

public sealed record SignalRecorded(DateTimeOffset At, long SignalId, long RecorderId, string Ticker, string Action, string Status, string? Reason) : EngineEvent(At);

public sealed record TradeClosed(DateTimeOffset At, long TradeId, long RecorderId, string Ticker, decimal RealizedPnl, string ExitReason) : EngineEvent(At);

public sealed record RecordersChanged(DateTimeOffset At) : EngineEvent(At);

public enum EngineLogLevel { Debug, Info, Warning, Error }

public sealed record LogEntry(DateTimeOffset At, EngineLogLevel Level, string Message, long? RecorderId = null) : EngineEvent(At);
