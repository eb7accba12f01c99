using System.Text.Json.Nodes;

namespace BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;

/// <summary>One props event as the fake pushes it: <c>{"e":"props","d":{entityType, eventType, entity}}</c>.</summary>
internal sealed record FakeEvent(string EntityType, string EventType, JsonObject Entity)
{
    public JsonObject ToMessage() => new()
    {
        ["e"] = "props",
        ["d"] = new JsonObject { ["entityType"] = EntityType, ["eventType"] = EventType, ["entity"] = Entity.DeepClone() },
    };
}

/// <summary>
/// The fake's trading state (orders, commands, versions, execution reports, fills, positions, cash) and the events each
/// action produces in the order of reference §7.8: Command, Order PendingNew then Working, ExecutionReport New then Trade,
/// Fill, Position, CashBalance. Everything is also kept for the sync snapshot, so a client that missed events gets them there.
/// </summary>
internal sealed class FakeTradovateVenue
{
    public const decimal ValuePerPoint = 2m;   // MNQ
    public const decimal TickSize = 0.25m;
    private readonly Lock _gate = new();
    private long _nextId = 100_000;
    private readonly List<JsonObject> _orders = [], _commands = [], _versions = [], _reports = [], _fills = [];
    private readonly Dictionary<(long Account, long Contract), JsonObject> _positions = [];
    private readonly Dictionary<long, JsonObject> _cash = [];
    private readonly Func<TimeProvider> _time;

    public FakeTradovateVenue(Func<TimeProvider> time)
    {
        _time = time;
        foreach (var account in FakeTradovateServer.AccountIds)
            _cash[account] = new JsonObject { ["id"] = account + 50, ["accountId"] = account, ["amount"] = 50_000m, ["realizedPnL"] = 0m, ["currencyId"] = 1 };
    }

    public decimal FillPrice { get; set; } = 21500.25m;

    /// <summary>Places one order; returns its id and the events so far. Market orders fill at once when <paramref name="fill"/>.</summary>
    public (long OrderId, List<FakeEvent> Events) Place(long accountId, long contractId, string action, int qty, string type, decimal? price, decimal? stopPrice,
        string? clOrdId, bool? isAutomated, bool fill, string status = "Working", long? parentId = null, long? ocoId = null)
    {
        lock (_gate)
        {
            var id = _nextId++;
            var events = new List<FakeEvent>();
            var order = new JsonObject
            {
                ["id"] = id, ["accountId"] = accountId, ["contractId"] = contractId, ["timestamp"] = Now(), ["action"] = action,
                ["ordStatus"] = "PendingNew", ["admin"] = false, ["parentId"] = parentId, ["ocoId"] = ocoId,
            };
            var command = new JsonObject
            {
                ["id"] = _nextId++, ["orderId"] = id, ["timestamp"] = Now(), ["clOrdId"] = clOrdId, ["commandType"] = "New",
                ["commandStatus"] = "OnHold", ["isAutomated"] = isAutomated ?? false,
            };
            var version = new JsonObject { ["id"] = _nextId++, ["orderId"] = id, ["orderQty"] = qty, ["orderType"] = type, ["price"] = price, ["stopPrice"] = stopPrice };
            _orders.Add(order);
            _commands.Add(command);
            _versions.Add(version);
            events.Add(new("command", "Created", command));
            events.Add(new("order", "Created", (JsonObject)order.DeepClone()));
            events.Add(new("orderVersion", "Created", version));
            order["ordStatus"] = status;
            events.Add(new("order", "Updated", (JsonObject)order.DeepClone()));
            events.Add(new("executionReport", "Created", Report(order, "New", 0, null)));
            if (fill && type == "Market" && status == "Working") events.AddRange(FillCore(order, qty, FillPrice));
            return (id, events);
        }
    }

    /// <summary>Fills a working order (a resting limit reached, a bracket leg triggered).</summary>
    public List<FakeEvent> Fill(long orderId, decimal price)
    {
        lock (_gate)
        {
            var order = _orders.Single(o => (long)o["id"]! == orderId);
            var qty = (int)_versions.Last(v => (long)v["orderId"]! == orderId)["orderQty"]!;
            return FillCore(order, qty, price);
        }
    }

    private List<FakeEvent> FillCore(JsonObject order, int qty, decimal price)
    {
        var events = new List<FakeEvent>();
        var orderId = (long)order["id"]!;
        var accountId = (long)order["accountId"]!;
        var contractId = (long)order["contractId"]!;
        var buy = (string)order["action"]! == "Buy";
        events.Add(new("executionReport", "Created", Report(order, "Trade", qty, price)));
        var fill = new JsonObject
        {
            ["id"] = _nextId++, ["orderId"] = orderId, ["contractId"] = contractId, ["timestamp"] = Now(), ["action"] = order["action"]!.GetValue<string>(),
            ["qty"] = qty, ["price"] = price, ["active"] = true,
        };
        _fills.Add(fill);
        events.Add(new("fill", "Created", fill));
        order["ordStatus"] = "Filled";
        events.Add(new("order", "Updated", (JsonObject)order.DeepClone()));
        // Position and realized P&L, average-price style.
        var position = _positions.GetValueOrDefault((accountId, contractId)) ?? new JsonObject
        {
            ["id"] = _nextId++, ["accountId"] = accountId, ["contractId"] = contractId, ["netPos"] = 0, ["netPrice"] = null, ["bought"] = 0, ["sold"] = 0,
        };
        var net = (int)position["netPos"]!;
        var netPrice = position["netPrice"]?.GetValue<decimal>() ?? 0m;
        var signed = buy ? qty : -qty;
        var realized = 0m;
        if (net != 0 && Math.Sign(net) != Math.Sign(signed))
        {
            var closing = Math.Min(Math.Abs(net), qty);
            realized = (price - netPrice) * Math.Sign(net) * closing * ValuePerPoint;
        }
        var after = net + signed;
        decimal? afterPrice = after == 0 ? null : Math.Sign(after) == Math.Sign(net) && Math.Abs(after) > Math.Abs(net)
            ? (netPrice * Math.Abs(net) + price * qty) / Math.Abs(after) : Math.Sign(after) == Math.Sign(net) ? netPrice : price;
        position["netPos"] = after;
        position["netPrice"] = afterPrice;
        position[buy ? "bought" : "sold"] = (int)position[buy ? "bought" : "sold"]! + qty;
        position["timestamp"] = Now();
        _positions[(accountId, contractId)] = position;
        events.Add(new("position", "Updated", (JsonObject)position.DeepClone()));
        var cash = _cash[accountId];
        cash["realizedPnL"] = cash["realizedPnL"]!.GetValue<decimal>() + realized;
        cash["amount"] = cash["amount"]!.GetValue<decimal>() + realized;
        events.Add(new("cashBalance", "Updated", (JsonObject)cash.DeepClone()));
        return events;
    }

    /// <summary>Brackets held (Suspended) until their entry fills become Working.</summary>
    public List<FakeEvent> Release(long orderId)
    {
        lock (_gate)
        {
            var order = _orders.Single(o => (long)o["id"]! == orderId);
            order["ordStatus"] = "Working";
            return [new("order", "Updated", (JsonObject)order.DeepClone())];
        }
    }

    public List<FakeEvent> Cancel(long orderId)
    {
        lock (_gate)
        {
            var order = _orders.Single(o => (long)o["id"]! == orderId);
            if ((string)order["ordStatus"]! is "Filled" or "Canceled") return [];
            order["ordStatus"] = "Canceled";
            return [new("order", "Updated", (JsonObject)order.DeepClone()), new("executionReport", "Created", Report(order, "Canceled", 0, null))];
        }
    }

    public List<FakeEvent> Modify(long orderId, int qty, decimal? price, decimal? stopPrice)
    {
        lock (_gate)
        {
            var version = _versions.Last(v => (long)v["orderId"]! == orderId);
            var next = (JsonObject)version.DeepClone();
            next["id"] = _nextId++;
            next["orderQty"] = qty;
            if (price is not null) next["price"] = price;
            if (stopPrice is not null) next["stopPrice"] = stopPrice;
            _versions.Add(next);
            return [new("orderVersion", "Created", next)];
        }
    }

    public JsonObject? Order(long id) { lock (_gate) return _orders.FirstOrDefault(o => (long)o["id"]! == id); }

    public string? Status(long id) => (string?)Order(id)?["ordStatus"];

    public List<JsonObject> Orders(Func<JsonObject, bool>? where = null) { lock (_gate) return [.. _orders.Where(where ?? (_ => true)).Select(o => (JsonObject)o.DeepClone())]; }

    public List<JsonObject> Commands() { lock (_gate) return [.. _commands.Select(c => (JsonObject)c.DeepClone())]; }

    public List<JsonObject> Fills() { lock (_gate) return [.. _fills.Select(c => (JsonObject)c.DeepClone())]; }

    public List<JsonObject> Positions() { lock (_gate) return [.. _positions.Values.Select(p => (JsonObject)p.DeepClone())]; }

    public decimal NetPos(long accountId, long contractId) { lock (_gate) return (int?)_positions.GetValueOrDefault((accountId, contractId))?["netPos"] ?? 0; }

    public JsonObject Cash(long accountId) { lock (_gate) return (JsonObject)_cash[accountId].DeepClone(); }

    /// <summary>The <c>user/syncrequest</c> answer: every array, the user's state as of now.</summary>
    public JsonObject Snapshot(JsonArray accounts, JsonArray contracts)
    {
        lock (_gate)
        {
            static JsonArray Copy(IEnumerable<JsonObject> items) => [.. items.Select(i => (JsonNode)i.DeepClone())];
            return new JsonObject
            {
                ["users"] = new JsonArray(new JsonObject { ["id"] = FakeTradovateServer.UserId, ["name"] = FakeTradovateServer.UserName }),
                ["accounts"] = accounts, ["contracts"] = contracts, ["orders"] = Copy(_orders), ["commands"] = Copy(_commands),
                ["orderVersions"] = Copy(_versions), ["executionReports"] = Copy(_reports), ["fills"] = Copy(_fills),
                ["positions"] = Copy(_positions.Values), ["cashBalances"] = Copy(_cash.Values), ["products"] = new JsonArray(),
            };
        }
    }

    private JsonObject Report(JsonObject order, string execType, int cumQty, decimal? avgPx)
    {
        var report = new JsonObject
        {
            ["id"] = _nextId++, ["commandId"] = null, ["accountId"] = order["accountId"]!.GetValue<long>(), ["contractId"] = order["contractId"]!.GetValue<long>(),
            ["orderId"] = order["id"]!.GetValue<long>(), ["timestamp"] = Now(), ["execType"] = execType,
            ["ordStatus"] = execType switch { "Trade" => "Filled", "Canceled" => "Canceled", _ => "Working" }, ["action"] = order["action"]!.GetValue<string>(),
            ["cumQty"] = cumQty, ["avgPx"] = avgPx, ["lastQty"] = cumQty, ["lastPx"] = avgPx,
        };
        _reports.Add(report);
        return report;
    }

    private string Now() => _time().GetUtcNow().UtcDateTime.ToString("O");
}
