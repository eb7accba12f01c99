namespace BlazorTrader.Engine.Commands;

// The words an order is described with, shared by the engine's callers (endpoints, pages, jobs) and the brokers, so that
// no caller needs an Execution type to say what it wants.

public enum OrderAction { Buy, Sell }

public enum OrderType { Market, Limit, Stop }

/// <summary>DAY orders expire at the session's end; GTC orders rest until filled or cancelled (protective orders).</summary>
public enum TimeInForce { Day, Gtc }

/// <summary>Protective children placed with the entry: a take-profit limit and a stop, one cancels the other.</summary>
public sealed record Bracket(decimal? TakeProfitPrice, decimal? StopLossPrice);

/// <summary>One leg of a multi-leg order; the parent quantity times <see cref="Ratio"/> trades on this leg.</summary>
public sealed record ComboLeg(string Symbol, OrderAction Action, int Ratio);

/// <summary>Where an order intent is in its life (the transitions are <c>Execution.OrderIntentLifecycle</c>'s).</summary>
public enum OrderIntentStatus { Pending, Submitted, PartiallyFilled, Filled, Rejected, Cancelled }
