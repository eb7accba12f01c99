using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Execution.Protection;

/// <summary>One take-profit of a recorder trade: its price, its trim (% of the trade's entry quantity), whether it filled.</summary>
public sealed record ProtectedTarget(decimal Price, decimal TrimPercent, bool Filled);

/// <summary>One open recorder trade of the position: its entry and open quantity, its stop and its targets.</summary>
public sealed record ProtectedTrade(decimal Quantity, decimal OpenQuantity, decimal? Stop, IReadOnlyList<ProtectedTarget> Targets);

/// <summary>An order that should rest at the broker for an account's position: a GTC STP or LMT in the position's OCA group.</summary>
public sealed record ProtectiveOrder(string OrderRef, string Level, OrderType Type, OrderAction Action, decimal Quantity, decimal Price, string OcaGroup)
{
    public PlaceOrderRequest ToRequest(string symbol) => new(OrderRef, symbol, Action, Quantity, Type,
        LimitPrice: Type == OrderType.Limit ? Price : null, StopPrice: Type == OrderType.Stop ? Price : null,
        TimeInForce: TimeInForce.Gtc, OcaGroup: OcaGroup);
}

/// <summary>
/// The protective orders one account should have resting for one recorder position (pure): one STP for the whole
/// filled quantity at the trades' stop, and one LMT per remaining target price with the account's share of that
/// target's trim, in whole contracts, all in one OCA group. Order references are derived from account, position,
/// the number of target fills so far (the group's generation: an OCA fill cancels the group, so what remains is
/// placed afresh) and the level, so after any restart the same state gives the same references and the orders are
/// found instead of placed again.
/// </summary>
public static class ProtectionPlan
{
    public const string RefPrefix = "bt:p:";

    /// <param name="round">The group's generation when the caller keeps it (the keeper counts placements that ended:
    /// a name IB has seen fill or cancel is not used again); null counts the trades' filled targets.</param>
    public static IReadOnlyList<ProtectiveOrder> Desired(long accountId, long positionId, decimal accountQuantity, Side side,
        IReadOnlyList<ProtectedTrade> trades, int? round = null)
    {
        var lots = decimal.Truncate(Math.Abs(accountQuantity));
        var recorderOpen = trades.Sum(t => t.OpenQuantity);
        if (lots <= 0 || recorderOpen <= 0) return [];
        var exit = side == Side.Long ? OrderAction.Sell : OrderAction.Buy;
        var generation = round ?? trades.Sum(t => t.Targets.Count(x => x.Filled));
        var group = OcaGroup(accountId, positionId, generation);
        var orders = new List<ProtectiveOrder>();

        // The tightest stop protects the whole account position (trades of one position share a side).
        if (trades.Where(t => t.OpenQuantity > 0 && t.Stop is not null).Select(t => t.Stop!.Value).ToList() is { Count: > 0 } stops)
        {
            var stop = side == Side.Long ? stops.Max() : stops.Min();
            orders.Add(new ProtectiveOrder(Ref(accountId, positionId, generation, "sl"), "sl", OrderType.Stop, exit, lots, stop, group));
        }

        // Recorder quantity still to exit at each target price, nearest price first.
        var atPrice = new SortedDictionary<decimal, decimal>(side == Side.Long ? Comparer<decimal>.Default : Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        foreach (var trade in trades)
            foreach (var (price, quantity) in Remaining(trade))
                atPrice[price] = atPrice.GetValueOrDefault(price) + quantity;

        // The account's share, rounded on the running total so the parts never add up to more than the account holds.
        decimal recorderSoFar = 0, placed = 0;
        var index = 0;
        foreach (var (price, quantity) in atPrice)
        {
            recorderSoFar += quantity;
            var upTo = Math.Min(lots, Math.Round(recorderSoFar * lots / recorderOpen, MidpointRounding.AwayFromZero));
            var size = upTo - placed;
            index++;
            if (size <= 0) continue;
            placed = upTo;
            var level = $"tp{index}";
            orders.Add(new ProtectiveOrder(Ref(accountId, positionId, generation, level), level, OrderType.Limit, exit, size, price, group));
        }
        return orders;
    }

    /// <summary>The reference of a protective order: account, position, generation and level, plain ASCII.</summary>
    /// <param name="positionId">A recorder position's id; negative for an order's own bracket (<see cref="OrderBracketId"/>), written <c>m&lt;intent id&gt;</c>.</param>
    public static string Ref(long accountId, long positionId, int generation, string level) =>
        string.Create(CultureInfo.InvariantCulture, $"{RefPrefix}{accountId}:{PositionPart(positionId)}:{generation}:{level}");

    /// <summary>What every reference of one position's protection starts with, whatever its generation and level.</summary>
    public static string PositionPrefix(long accountId, long positionId) =>
        string.Create(CultureInfo.InvariantCulture, $"{RefPrefix}{accountId}:{PositionPart(positionId)}:");

    public static string OcaGroup(long accountId, long positionId, int generation) =>
        string.Create(CultureInfo.InvariantCulture, $"bt-oca-{accountId}-{PositionPart(positionId)}-{generation}");

    /// <summary>The protected "position" of a manual or scheduled entry with its own take-profit/stop: the entry intent, kept
    /// apart from recorder position ids by its sign.</summary>
    public static long OrderBracketId(long entryIntentId) => -entryIntentId;

    private static string PositionPart(long positionId) =>
        positionId < 0 ? string.Create(CultureInfo.InvariantCulture, $"m{-positionId}") : positionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The OCA group of a protective reference (a replacement under a revision suffix stays in its group).</summary>
    public static string? OcaGroupOf(string orderRef) =>
        TryParse(orderRef, out var accountId, out var positionId, out var generation, out _) ? OcaGroup(accountId, positionId, generation) : null;

    /// <summary>The reference without its revision suffix: the level's identity (<c>bt:p:3:11:0:sl:2</c> -> <c>bt:p:3:11:0:sl</c>).</summary>
    public static string BaseRef(string orderRef) =>
        TryParse(orderRef, out var accountId, out var positionId, out var generation, out var level) ? Ref(accountId, positionId, generation, level) : orderRef;

    public static bool TryParse(string orderRef, out long accountId, out long positionId, out int generation, out string level)
    {
        generation = 0;
        level = "";
        if (!TryParseRef(orderRef, out accountId, out positionId)) return false;
        var parts = orderRef[RefPrefix.Length..].Split(':');
        level = parts[3];
        return int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out generation);
    }

    /// <summary>Reads a protective reference back (the protection check matches broker orders to positions with it).</summary>
    public static bool TryParseRef(string orderRef, out long accountId, out long positionId)
    {
        accountId = positionId = 0;
        if (!orderRef.StartsWith(RefPrefix, StringComparison.Ordinal)) return false;
        var parts = orderRef[RefPrefix.Length..].Split(':');
        if (parts.Length < 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out accountId)) return false;
        var bracket = parts[1].StartsWith('m');
        if (!long.TryParse(bracket ? parts[1][1..] : parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out positionId)) return false;
        if (bracket) positionId = OrderBracketId(positionId);
        return true;
    }

    /// <summary>What of one trade still exits at each unfilled target: cumulative trims round half up (as the engine's exits do), the last target takes the rest.</summary>
    private static IEnumerable<(decimal Price, decimal Quantity)> Remaining(ProtectedTrade trade)
    {
        var alreadyOut = trade.Quantity - trade.OpenQuantity;
        decimal cumulativeTrim = 0, before = 0;
        for (var i = 0; i < trade.Targets.Count; i++)
        {
            var target = trade.Targets[i];
            cumulativeTrim += target.TrimPercent;
            var after = i == trade.Targets.Count - 1 ? trade.Quantity
                : Math.Min(trade.Quantity, Math.Round(trade.Quantity * cumulativeTrim / 100m, MidpointRounding.AwayFromZero));
            var quantity = Math.Max(0, after - Math.Max(before, alreadyOut));
            before = after;
            if (!target.Filled && quantity > 0) yield return (target.Price, quantity);
        }
    }
}
