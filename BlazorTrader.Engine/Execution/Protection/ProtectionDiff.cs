using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.Protection;

public enum ProtectionActionKind
{
    /// <summary>Place <see cref="ProtectionAction.Order"/> (missing at the broker).</summary>
    Place,

    /// <summary>Change size or price of the working order with the same reference (IB: same order id).</summary>
    Modify,

    /// <summary>Cancel <see cref="ProtectionAction.OrderRef"/>: orphaned, or superseded.</summary>
    Cancel,
}

/// <summary>One step to bring the broker's protective orders in line with the plan; run in list order.</summary>
public sealed record ProtectionAction(ProtectionActionKind Kind, string OrderRef, ProtectiveOrder? Order = null, string Why = "")
{
    public override string ToString() => $"{Kind} {OrderRef}{(Order is { } o ? $" {o.Type} {o.Quantity:0.####} @ {o.Price}" : "")}{(Why.Length > 0 ? $" ({Why})" : "")}";
}

/// <summary>
/// Desired protective orders against the broker's open orders of one account position, matched by reference (pure).
/// Same reference, other size or price: modify. Same reference but a change a broker will not modify (type, side,
/// OCA group): cancel and replace. Missing: place. A broker order of this position not in the plan: cancel.
/// The order is chosen so the position is never without a stop: a new stop is placed first, then modifies (the
/// stop's first), then cancels, and new targets last, so no moment has more target quantity resting than the account holds.
/// </summary>
public static class ProtectionDiff
{
    public static IReadOnlyList<ProtectionAction> Compute(IReadOnlyList<ProtectiveOrder> desired, IEnumerable<BrokerOrder> open, long accountId, long positionId)
    {
        var existing = open
            .Where(o => o.Status is BrokerOrderStatus.Working or BrokerOrderStatus.PartiallyFilled
                && ProtectionPlan.TryParseRef(o.ClientOrderRef, out var a, out var p) && a == accountId && p == positionId)
            .GroupBy(o => o.ClientOrderRef).ToDictionary(g => g.Key, g => g.First());
        var placeStops = new List<ProtectionAction>();
        var modifies = new List<ProtectionAction>();
        var cancels = new List<ProtectionAction>();
        var placeTargets = new List<ProtectionAction>();

        foreach (var order in desired)
        {
            var place = new ProtectionAction(ProtectionActionKind.Place, order.OrderRef, order, "missing");
            if (!existing.Remove(order.OrderRef, out var current))
            {
                (order.Type == OrderType.Stop ? placeStops : placeTargets).Add(place);
                continue;
            }
            if (current.Type != order.Type || current.Action != order.Action || (current.OcaGroup is { } group && group != order.OcaGroup))
            {
                // Not a modify at any broker: replace, keeping the stop-first rule (the new one goes under the same reference once the old is gone).
                cancels.Add(new ProtectionAction(ProtectionActionKind.Cancel, order.OrderRef, null, "replaced"));
                placeTargets.Add(place with { Why = "replaced" });
                continue;
            }
            var remaining = current.Quantity - current.FilledQuantity;
            var price = current.Type == OrderType.Stop ? current.StopPrice : current.LimitPrice;
            if (remaining != order.Quantity || price != order.Price)
            {
                var modify = new ProtectionAction(ProtectionActionKind.Modify, order.OrderRef, order,
                    remaining != order.Quantity ? $"size {remaining:0.####} -> {order.Quantity:0.####}" : $"price {price} -> {order.Price}");
                if (order.Type == OrderType.Stop) modifies.Insert(0, modify); else modifies.Add(modify);
            }
        }
        foreach (var orphan in existing.Keys.Order(StringComparer.Ordinal))
            cancels.Add(new ProtectionAction(ProtectionActionKind.Cancel, orphan, null, "not in the plan"));
        return [.. placeStops, .. modifies, .. cancels, .. placeTargets];
    }
}
