namespace BlazorTrader.Engine.Commands;

/// <summary>Marks the commands of the SPX double calendar (kind <c>spxDoubleCalendar</c>), handled on the engine loop.</summary>
public interface ISpxCalendarCommand : IExecutionCommand;

public enum SpxEntryStatus { Accepted, Duplicate, Blocked }

/// <summary>What "enter" did: the day's trade (new or the one already made), its order intents, or why nothing was entered.</summary>
public sealed record SpxEntryOutcome(SpxEntryStatus Status, long? TradeId, IReadOnlyList<long> IntentIds, string? Reason = null);

/// <summary>
/// Enters today's calendar (the 09:45 job, the page's "enter now", the API): one per strategy and trade date, whatever fires it.
/// Answered once the BAG order is placed, or blocked (holiday, max open, no strikes).
/// </summary>
public sealed record EnterSpxCalendar(long StrategyId, string Source) : EngineRequest<SpxEntryOutcome>, ISpxCalendarCommand;

public enum SpxActionStatus { Accepted, NotFound, Refused }

public sealed record SpxActionOutcome(SpxActionStatus Status, int Count = 0, string? Reason = null);

/// <summary>Closes one open calendar now (manual): the target is cancelled first, then the combo is sold, walked down.</summary>
public sealed record CloseSpxCalendar(long StrategyId, long TradeId, string Reason = "manual close") : EngineRequest<SpxActionOutcome>, ISpxCalendarCommand;

/// <summary>The exitTime job: closes every managed calendar of the strategy whose exit date has come.</summary>
public sealed record RunSpxCalendarTimeExits(long StrategyId) : EngineRequest<SpxActionOutcome>, ISpxCalendarCommand;

/// <summary>Places the profit target of every open calendar that has none working.</summary>
public sealed record PlaceMissingSpxTargets(long StrategyId) : EngineRequest<SpxActionOutcome>, ISpxCalendarCommand;

/// <summary>Hands a calendar to the trader: its target is cancelled and nothing closes it automatically any more.</summary>
public sealed record StopManagingSpxCalendar(long StrategyId, long TradeId) : EngineRequest<SpxActionOutcome>, ISpxCalendarCommand;

/// <summary>A calendar opened elsewhere (strikes, expiries, debit per combo), managed from now on: its target is placed.</summary>
public sealed record SpxCalendarImport(DateOnly EntryDate, DateOnly ShortExpiry, DateOnly LongExpiry, decimal PutStrike, decimal CallStrike,
    int Quantity, decimal Debit, decimal? Spx);

public sealed record ImportSpxCalendar(long StrategyId, SpxCalendarImport Trade) : EngineRequest<SpxImportOutcome>, ISpxCalendarCommand;

public sealed record SpxImportOutcome(long? TradeId, string? Problem, string? Field = null);

/// <summary>What the reconciliation found: legs whose broker position differs from the open calendars, SPX option positions no
/// calendar explains, and targets placed because they were missing.</summary>
public sealed record SpxReconciliation(IReadOnlyList<string> MissingLegs, IReadOnlyList<string> Orphans, int TargetsPlaced, string? Problem = null);

/// <summary>The reconcileTime job: each open calendar's 4 legs against the broker's positions, orphans, missing targets.</summary>
public sealed record ReconcileSpxCalendar(long StrategyId) : EngineRequest<SpxReconciliation>, ISpxCalendarCommand;

/// <summary>A calendar as the API and the page show it; <see cref="Value"/> is the live mid of the combo where quotes exist.</summary>
public sealed record SpxCalendarTradeView(
    long Id, DateOnly EntryDate, string Status, string Source, decimal? Spx, DateOnly? ShortExpiry, DateOnly? LongExpiry, decimal? PutStrike,
    decimal? CallStrike, int Quantity, decimal? Debit, decimal? TargetPrice, SpxTargetView Target, DateOnly? ExitDate, decimal? Value,
    decimal? UnrealizedPnl, decimal? ExitCredit, decimal? RealizedPnl, string? ExitReason, string? Notes, string? LastProblem,
    IReadOnlyList<SpxLegView> Legs, DateTime CreatedAt, DateTime? OpenedAt, DateTime? ClosedAt);

public sealed record SpxTargetView(string Status, decimal? Price, string? BrokerOrderId);

public sealed record SpxLegView(string Ticker, string Action, DateOnly Expiry, decimal Strike, string Right, long? ConId, double? Delta);

/// <summary>The strategy's calendars, newest first, with live values (answered by the engine, which knows the quotes).</summary>
public sealed record ListSpxCalendarTrades(long StrategyId) : EngineRequest<IReadOnlyList<SpxCalendarTradeView>?>, ISpxCalendarCommand;
