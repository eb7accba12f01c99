using System.Text.Json;
using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>An order as the sync stream describes it, joined from Order, Command (clOrdId), OrderVersion, ExecutionReports and Fills.</summary>
internal sealed class TradovateOrderState(long id)
{
    public long Id { get; } = id;
    public long AccountId { get; set; }
    public long ContractId { get; set; }
    public string? ClientOrderRef { get; set; }
    public OrderAction Action { get; set; }
    public string OrdStatus { get; set; } = "PendingNew";
    public decimal? Quantity { get; set; }
    public OrderType Type { get; set; }
    public decimal ReportedCumQty { get; set; }
    public decimal? ReportedAvgPx { get; set; }
    public string? RejectReason { get; set; }
    public bool? IsAutomated { get; set; }
    public Dictionary<long, TvFill> Fills { get; } = [];
    /// <summary>The last report sent to the engine, so an unchanged state is not sent twice.</summary>
    public OrderStatusReported? LastReport { get; set; }

    public (decimal Filled, decimal? Avg) Filled()
    {
        var qty = Fills.Values.Sum(f => f.Qty);
        if (qty >= ReportedCumQty && qty > 0) return (qty, Fills.Values.Sum(f => f.Qty * f.Price) / qty);
        return (ReportedCumQty, ReportedAvgPx);
    }

    public BrokerOrderStatus Status
    {
        get
        {
            var (filled, _) = Filled();
            return OrdStatus switch
            {
                "Filled" or "Completed" when Quantity is null || filled >= Quantity => BrokerOrderStatus.Filled,
                "Canceled" or "Expired" => BrokerOrderStatus.Cancelled,
                "Rejected" => BrokerOrderStatus.Rejected,
                _ => filled > 0 ? BrokerOrderStatus.PartiallyFilled : BrokerOrderStatus.Working,
            };
        }
    }

    public bool IsWorking => Status is BrokerOrderStatus.Working or BrokerOrderStatus.PartiallyFilled;
}

/// <summary>
/// What one session knows of its user's accounts: orders, fills, positions and cash, from the initial
/// <c>user/syncrequest</c> snapshot and every <c>props</c> event after it. Applying the same entity twice changes nothing
/// (fills are keyed by id, quantities are cumulative), so a resync after a drop cannot count a fill twice.
/// Only the socket's reader writes; readers take the lock.
/// </summary>
internal sealed class TradovateBook
{
    private readonly Dictionary<long, TradovateOrderState> _orders = [];
    private readonly Dictionary<string, long> _orderIdsByRef = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Account, long Contract), TvPosition> _positions = [];
    private readonly Dictionary<long, TvCashBalance> _cash = [];
    public Lock Gate { get; } = new();

    /// <summary>Contracts named in sync data.</summary>
    public event Action<long, string>? ContractSeen;

    /// <summary>Applies one entity; returns the order it touched, if any.</summary>
    public TradovateOrderState? Apply(string entityType, JsonElement entity, bool deleted = false)
    {
        lock (Gate)
        {
            switch (entityType)
            {
                case "order" when entity.As<TvOrder>() is { } o:
                    var order = Order(o.Id);
                    order.AccountId = o.AccountId;
                    order.ContractId = o.ContractId;
                    order.Action = o.Action == "Sell" ? OrderAction.Sell : OrderAction.Buy;
                    if (o.OrdStatus is { } status) order.OrdStatus = status;
                    return order;
                case "command" when entity.As<TvCommand>() is { } c:
                    var commanded = Order(c.OrderId);
                    if (c.CommandType is null or "New" && c.ClOrdId is { Length: > 0 } clOrdId) Link(commanded, clOrdId);
                    if (c.CommandType is null or "New") commanded.IsAutomated ??= c.IsAutomated;
                    return commanded;
                case "orderVersion" when entity.As<TvOrderVersion>() is { } v:
                    var versioned = Order(v.OrderId);
                    versioned.Quantity = v.OrderQty ?? versioned.Quantity;
                    versioned.Type = v.OrderType switch { "Limit" => OrderType.Limit, "Stop" or "StopLimit" => OrderType.Stop, _ => OrderType.Market };
                    return versioned;
                case "executionReport" when entity.As<TvExecutionReport>() is { } r:
                    var reported = Order(r.OrderId);
                    reported.AccountId = r.AccountId;
                    reported.ContractId = r.ContractId;
                    if (r.OrdStatus is { } s) reported.OrdStatus = s;
                    if (r.CumQty is { } cum && cum >= reported.ReportedCumQty) (reported.ReportedCumQty, reported.ReportedAvgPx) = (cum, r.AvgPx ?? reported.ReportedAvgPx);
                    if (r.ExecType == "Rejected" || r.OrdStatus == "Rejected") reported.RejectReason = r.RejectReason ?? r.Text;
                    return reported;
                case "fill" when entity.As<TvFill>() is { } f:
                    var filled = Order(f.OrderId);
                    filled.ContractId = f.ContractId;
                    filled.Fills[f.Id] = f;
                    return filled;
                case "position" when entity.As<TvPosition>() is { } p:
                    _positions[(p.AccountId, p.ContractId)] = deleted ? p with { NetPos = 0 } : p;
                    return null;
                case "cashBalance" when entity.As<TvCashBalance>() is { } cash:
                    _cash[cash.AccountId] = cash;
                    return null;
                case "contract" when entity.As<TvContract>() is { } contract:
                    ContractSeen?.Invoke(contract.Id, contract.Name);
                    return null;
                default:
                    return null;
            }
        }
    }

    /// <summary>Applies a sync snapshot (arrays by plural entity name); returns every order it touched.</summary>
    public List<TradovateOrderState> ApplySnapshot(JsonElement snapshot)
    {
        var touched = new List<TradovateOrderState>();
        // Orders before what refers to them; fills last, so every fill finds its order's account.
        foreach (var (plural, type) in new[] { ("contracts", "contract"), ("orders", "order"), ("commands", "command"), ("orderVersions", "orderVersion"),
                     ("executionReports", "executionReport"), ("fills", "fill"), ("positions", "position"), ("cashBalances", "cashBalance") })
        {
            if (!snapshot.TryGetProperty(plural, out var items) || items.ValueKind != JsonValueKind.Array) continue;
            foreach (var item in items.EnumerateArray())
                if (Apply(type, item) is { } order) touched.Add(order);
        }
        return touched;
    }

    /// <summary>Our placement's answer named the order: link it to its client reference (the command event may be later).</summary>
    public TradovateOrderState Link(long orderId, string clientOrderRef, long accountId, decimal? quantity = null)
    {
        lock (Gate)
        {
            var order = Order(orderId);
            if (order.AccountId == 0) order.AccountId = accountId;
            order.Quantity ??= quantity;
            Link(order, clientOrderRef);
            return order;
        }
    }

    private void Link(TradovateOrderState order, string clientOrderRef)
    {
        order.ClientOrderRef ??= clientOrderRef;
        _orderIdsByRef[clientOrderRef] = order.Id;
    }

    public TradovateOrderState? ByRef(string clientOrderRef)
    {
        lock (Gate) return _orderIdsByRef.TryGetValue(clientOrderRef, out var id) ? _orders[id] : null;
    }

    public List<TradovateOrderState> Orders(long accountId)
    {
        lock (Gate) return [.. _orders.Values.Where(o => o.AccountId == accountId)];
    }

    public List<TvPosition> Positions(long accountId)
    {
        lock (Gate) return [.. _positions.Where(p => p.Key.Account == accountId).Select(p => p.Value)];
    }

    public TvCashBalance? Cash(long accountId)
    {
        lock (Gate) return _cash.GetValueOrDefault(accountId);
    }

    private TradovateOrderState Order(long id)
    {
        if (!_orders.TryGetValue(id, out var order)) _orders[id] = order = new TradovateOrderState(id);
        return order;
    }
}
