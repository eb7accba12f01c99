using BlazorTrader.Engine.Events;

namespace BlazorTrader.Engine.Commands;

public enum SignalOutcomeStatus { Accepted, Duplicate, Ignored, Rejected, UnknownRecorder }

/// <summary>What the engine decided about one webhook signal.</summary>
public sealed record SignalOutcome(
    SignalOutcomeStatus Status,
    long? SignalId = null,
    string? Reason = null,
    string? Field = null,
    PositionSnapshot? Position = null,
    IReadOnlyList<long>? IntentIds = null)
{
    public static readonly SignalOutcome UnknownRecorder = new(SignalOutcomeStatus.UnknownRecorder);

    public static SignalOutcome Rejected(string field, string reason) => new(SignalOutcomeStatus.Rejected, Reason: reason, Field: field);
}
