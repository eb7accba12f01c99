using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.SpxCalendarTrading;

// The calendar's own steps: answers of off-loop broker calls and its timers, posted back to the loop.

/// <summary>The chain for an entry arrived (or failed); the waiting "enter" callers are answered once the order is placed.</summary>
internal sealed record SpxChainArrived(long TradeId, OptionChainSnapshot? Chain, string? Error) : EngineCommand, ISpxCalendarCommand;

/// <summary>An attempt's time is up: walk the working order to the next price (or cancel it after the last).</summary>
internal sealed record SpxLadderDue(long TradeId, string LadderKey, int NextStep) : EngineCommand, ISpxCalendarCommand;

/// <summary>The broker answered the modify of the working order to <paramref name="Step"/>'s price.</summary>
internal sealed record SpxModifyAnswered(long TradeId, string LadderKey, int Step, bool Accepted, string? Reason) : EngineCommand, ISpxCalendarCommand;

/// <summary>One of the calendar's intents changed (status, fill): the trade moves on.</summary>
internal sealed record SpxIntentChanged(string IdempotencyKey) : EngineCommand, ISpxCalendarCommand;

/// <summary>The broker answered the cancel of a trade's profit target (before a close).</summary>
internal sealed record SpxTargetCancelAnswered(long TradeId, string TargetKey, bool Accepted, string? Reason) : EngineCommand, ISpxCalendarCommand;

/// <summary>Quotes of a closing trade's legs arrived: the close ladder starts at their mid.</summary>
internal sealed record SpxExitQuotesArrived(long TradeId, IReadOnlyList<OptionChainQuote> Quotes, string? Error) : EngineCommand, ISpxCalendarCommand;

/// <summary>The broker's positions for a reconciliation arrived.</summary>
internal sealed record SpxPositionsArrived(ReconcileSpxCalendar Request, long AccountId, IReadOnlyList<BrokerPosition>? Positions, string? Error)
    : EngineCommand, ISpxCalendarCommand;
