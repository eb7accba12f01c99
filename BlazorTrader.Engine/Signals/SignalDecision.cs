using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals;

/// <summary>Everything the decision needs: the recorder's settings, the signal, the open position and the fill price.</summary>
public sealed record SignalContext(RecorderSettings Settings, SignalRequest Request, PositionState? Current, decimal Price, ContractSpec Spec);

/// <summary>
/// What the engine does with a signal: one order (side, quantity) for <see cref="PositionMath"/>, nothing
/// (ignored, with the reason, answered 200), a rejection (a 400 naming the field; nothing is stored), or
/// moving the open trades' stops to their entry.
/// </summary>
public sealed record SignalDecision
{
    public (Side Side, decimal Quantity)? Order { get; private init; }
    public string? IgnoreReason { get; private init; }
    public SignalParseError? Rejection { get; private init; }
    public bool MoveStopsToEntry { get; private init; }

    public static SignalDecision Place(Side side, decimal quantity) => new() { Order = (side, quantity) };

    public static SignalDecision Ignore(string reason) => new() { IgnoreReason = reason };

    public static SignalDecision Reject(string field, string reason) => new() { Rejection = new SignalParseError(field, reason) };

    public static readonly SignalDecision BreakEven = new() { MoveStopsToEntry = true };
}
