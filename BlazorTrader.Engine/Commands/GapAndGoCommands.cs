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
