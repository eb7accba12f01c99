namespace BlazorTrader.Engine.Execution;

/// <summary>What happened to an intent: the broker's reports and our own submission result.</summary>
public enum OrderIntentEvent { Submitted, PartiallyFilled, Filled, Rejected, Cancelled }

/// <summary>
/// The whole order-intent lifecycle in one table (docs/design.md "Never the same order twice"). Broker reports can arrive out of order (a fill
/// before the placement's acknowledgement), so a late acknowledgement leaves a later state as it is.
/// Anything not listed is a broken invariant.
/// </summary>
public static class OrderIntentLifecycle
{
    public static OrderIntentStatus Next(OrderIntentStatus s, OrderIntentEvent e) => (s, e) switch
    {
        (OrderIntentStatus.Pending, OrderIntentEvent.Submitted) => OrderIntentStatus.Submitted,
        (OrderIntentStatus.Submitted or OrderIntentStatus.PartiallyFilled or OrderIntentStatus.Filled
            or OrderIntentStatus.Cancelled or OrderIntentStatus.Rejected, OrderIntentEvent.Submitted) => s,   // late acknowledgement
        (OrderIntentStatus.Pending or OrderIntentStatus.Submitted or OrderIntentStatus.PartiallyFilled, OrderIntentEvent.PartiallyFilled)
            => OrderIntentStatus.PartiallyFilled,
        (OrderIntentStatus.Pending or OrderIntentStatus.Submitted or OrderIntentStatus.PartiallyFilled, OrderIntentEvent.Filled)
            => OrderIntentStatus.Filled,
        (OrderIntentStatus.Cancelled, OrderIntentEvent.Filled or OrderIntentEvent.PartiallyFilled) => OrderIntentStatus.Filled, // fill raced the cancel
        (OrderIntentStatus.Filled, OrderIntentEvent.Filled) => OrderIntentStatus.Filled,                                       // repeated report
        (OrderIntentStatus.Pending or OrderIntentStatus.Submitted, OrderIntentEvent.Rejected) => OrderIntentStatus.Rejected,
        (OrderIntentStatus.Rejected, OrderIntentEvent.Rejected) => OrderIntentStatus.Rejected,
        (OrderIntentStatus.Pending or OrderIntentStatus.Submitted or OrderIntentStatus.PartiallyFilled, OrderIntentEvent.Cancelled)
            => OrderIntentStatus.Cancelled,
        (OrderIntentStatus.Cancelled or OrderIntentStatus.Filled or OrderIntentStatus.Rejected, OrderIntentEvent.Cancelled) => s, // cancel after the end
        _ => throw new InvalidOperationException($"An order intent in state {s} cannot take the event {e}."),
    };

    /// <summary>True while the broker may still fill the order.</summary>
    public static bool IsOpen(this OrderIntentStatus s) =>
        s is OrderIntentStatus.Pending or OrderIntentStatus.Submitted or OrderIntentStatus.PartiallyFilled;
}
