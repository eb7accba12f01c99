using BlazorTrader.Engine.Strategies.GapAndGo;

namespace BlazorTrader.Engine.Commands;

/// <summary>Marks the gap-and-go day trader's commands (scan, liquidation, halt), handled on the engine loop.</summary>
public interface IGapAndGoCommand : IExecutionCommand;

public enum GapAndGoStatus { Ok, NotFound, NotGapAndGo }

/// <summary>The answer of a scan (run or read): the table, or why there is none.</summary>
public sealed record GapAndGoScanOutcome(GapAndGoStatus Status, ScanReply? Scan = null, string? Reason = null);

/// <summary>
/// Runs the strategy's scan now (its job every scanMinutes, or a person): the scan table of its universe, and an
/// entry for each eligible symbol (keyed strategy + trade date + symbol + entry number, so a repeat buys nothing more).
/// </summary>
public sealed record RunGapAndGoScan(long StrategyId, string Trigger) : EngineRequest<GapAndGoScanOutcome>, IGapAndGoCommand;

/// <summary>The latest scan of the strategy's current trade date (null <see cref="GapAndGoScanOutcome.Scan"/> before the first).</summary>
public sealed record GetGapAndGoScan(long StrategyId) : EngineRequest<GapAndGoScanOutcome>, IGapAndGoCommand;

/// <summary>What the end-of-day liquidation did, symbol by symbol.</summary>
public sealed record GapAndGoLiquidationOutcome(GapAndGoStatus Status, IReadOnlyList<GapAndGoLiquidationStep> Steps, string? Reason = null);

/// <param name="Action">"cancel" (a protective or entry order), "sell" (a tracked position), "sell-untracked", "skipped".</param>
public sealed record GapAndGoLiquidationStep(string Symbol, string Action, decimal Quantity, string OrderRef, string Detail);

/// <summary>
/// End of day (at liquidateAt, or now): cancels each position's protective orders first, then closes it at market; with
/// liquidateUntracked also every other broker position in a universe symbol. Halts the strategy for the day.
/// </summary>
public sealed record LiquidateGapAndGo(long StrategyId, string Trigger) : EngineRequest<GapAndGoLiquidationOutcome>, IGapAndGoCommand;

public sealed record GapAndGoHaltState(GapAndGoStatus Status, bool Halted, DateOnly TradeDate, string? Reason);

/// <summary>The strategy's "halt for the day" switch: no entries on this trade date while halted; exits still work.</summary>
public sealed record SetGapAndGoHalt(long StrategyId, bool Halted, string? Reason) : EngineRequest<GapAndGoHaltState>, IGapAndGoCommand;

/// <summary>The strategy's day for its page: halt state, budget, the latest scan, positions with their brackets, closed trades, P&amp;L.</summary>
public sealed record GetGapAndGoDay(long StrategyId) : EngineRequest<GapAndGoDayView>, IGapAndGoCommand;

/// <param name="DayPnl">Realized P&amp;L of today's exits plus the open positions' unrealized P&amp;L at the last price.</param>
public sealed record GapAndGoDayView(
    GapAndGoStatus Status, DateOnly TradeDate, bool Halted, string? HaltReason, decimal Budget, ScanReply? LastScan,
    IReadOnlyList<GapAndGoPositionView> Positions, IReadOnlyList<GapAndGoClosedView> Closed, decimal DayPnl, string? Reason = null);

/// <summary>One order at the broker as the engine knows it: its price, status and the broker's order id.</summary>
public sealed record GapAndGoOrderView(string Key, decimal? Price, string Status, string? BrokerOrderId);

/// <param name="TakeProfit">The bracket's LMT; null when none was placed (the scan's check places a missing one).</param>
public sealed record GapAndGoPositionView(string Symbol, decimal Quantity, decimal EntryPrice, decimal? LastPrice, decimal? UnrealizedPnl,
    GapAndGoOrderView? TakeProfit, GapAndGoOrderView? StopLoss);

/// <param name="Exit">"take-profit", "stop", "liquidation" or "closed elsewhere".</param>
public sealed record GapAndGoClosedView(string Symbol, decimal Quantity, decimal EntryPrice, decimal? ExitPrice, string Exit, decimal RealizedPnl, DateTime? ClosedAt);
