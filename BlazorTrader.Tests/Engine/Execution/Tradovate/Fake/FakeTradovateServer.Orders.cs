using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;

/// <summary>Order routes: validation, penalty tickets, the accept-then-delay fault, and the events each one pushes.</summary>
internal sealed partial class FakeTradovateServer
{
    private DateTimeOffset _ticketDue;

    private async Task<IResult> PlaceAsync(HttpContext http, string path)
    {
        if (Authorized(http, out var token) is { } denied) return denied;
        var body = await BodyAsync(http);
        if (PenaltyNextPlacementSeconds is { } seconds && path is "placeorder" or "placeOSO")
        {
            if ((string?)body["p-ticket"] is { } ticket && ticket == _issuedTicket && Time.GetUtcNow() >= _ticketDue)
                PenaltyNextPlacementSeconds = null;
            else
            {
                _issuedTicket = $"tkt-{Guid.NewGuid():N}";
                _ticketDue = Time.GetUtcNow().AddSeconds(seconds);
                PenaltiesIssued++;
                return Json(new JsonObject { ["p-ticket"] = _issuedTicket, ["p-time"] = seconds });
            }
        }
        Placements.Enqueue(new FakePlacement(path, body, token));
        var (result, events) = path switch
        {
            "placeorder" or "placeOSO" or "placeOCO" => PlaceOrder(path, body),
            "modifyorder" => Command(body, id => Venue.Modify(id, (int)body["orderQty"]!, (decimal?)body["price"], (decimal?)body["stopPrice"])),
            "cancelorder" => Command(body, Venue.Cancel),
            _ => Liquidate(body),
        };
        Push(events);
        if (DelayNextPlacementAnswer is { } delay && path.StartsWith("place", StringComparison.Ordinal))
        {
            DelayNextPlacementAnswer = null;
            await Task.Delay(delay);   // accepted and working; the answer comes after the client gave up
        }
        return Json(result);
    }

    public int PenaltiesIssued { get; private set; }

    private (JsonObject, List<FakeEvent>) PlaceOrder(string path, JsonObject body)
    {
        if (Validate(body) is { } failure) return (failure, []);
        var accountId = (long)body["accountId"]!;
        var contractId = ContractId((string)body["symbol"]!)!.Value;
        var action = (string)body["action"]!;
        var qty = (int)body["orderQty"]!;
        var type = (string)body["orderType"]!;
        var market = FillMarketOrders;
        if (path == "placeorder")
        {
            var (id, events) = Venue.Place(accountId, contractId, action, qty, type, (decimal?)body["price"], (decimal?)body["stopPrice"],
                (string?)body["clOrdId"], (bool?)body["isAutomated"], market);
            return (new JsonObject { ["orderId"] = id }, events);
        }
        if (path == "placeOCO")
        {
            var other = body["other"] as JsonObject;
            if (other is null) return (Failure("UnknownReason", "other is required"), []);
            var (first, e1) = Venue.Place(accountId, contractId, action, qty, type, (decimal?)body["price"], (decimal?)body["stopPrice"],
                (string?)body["clOrdId"], (bool?)body["isAutomated"], false);
            var (second, e2) = Venue.Place(accountId, contractId, (string)other["action"]!, qty, (string)other["orderType"]!, (decimal?)other["price"],
                (decimal?)other["stopPrice"], (string?)other["clOrdId"], (bool?)body["isAutomated"], false, ocoId: first);
            return (new JsonObject { ["orderId"] = first, ["ocoId"] = second }, [.. e1, .. e2]);
        }
        // OSO: the entry, and its brackets held until it fills.
        var (entry, events1) = Venue.Place(accountId, contractId, action, qty, type, (decimal?)body["price"], (decimal?)body["stopPrice"],
            (string?)body["clOrdId"], (bool?)body["isAutomated"], false);
        var result = new JsonObject { ["orderId"] = entry };
        var all = new List<FakeEvent>(events1);
        var legs = new List<long>();
        foreach (var (key, name) in new[] { ("bracket1", "oso1Id"), ("bracket2", "oso2Id") })
        {
            if (body[key] is not JsonObject leg) continue;
            var (id, e) = Venue.Place(accountId, contractId, (string)leg["action"]!, qty, (string)leg["orderType"]!, (decimal?)leg["price"], (decimal?)leg["stopPrice"],
                (string?)leg["clOrdId"], (bool?)body["isAutomated"], false, status: "Suspended", parentId: entry);
            result[name] = id;
            legs.Add(id);
            all.AddRange(e);
        }
        if (market && type == "Market")
        {
            all.AddRange(Venue.Fill(entry, Venue.FillPrice));
            foreach (var leg in legs) all.AddRange(Venue.Release(leg));
        }
        return (result, all);
    }

    private JsonObject? Validate(JsonObject body)
    {
        if (body["accountId"]?.GetValue<long>() is not { } accountId || !AccountIds.Contains(accountId))
            return Failure("UnknownReason", "Violation: accountId is required");
        if ((string?)body["accountSpec"] is { } spec && spec != (accountId == AccountIds[0] ? AccountOne : AccountTwo))
            return Failure("UnknownReason", "accountSpec does not match accountId");
        if ((string?)body["symbol"] is not { } symbol || ContractId(symbol) is null) return Failure("InvalidContract", "Access is denied");
        if ((string?)body["action"] is not ("Buy" or "Sell")) return Failure("UnknownReason", "action must be Buy or Sell");
        if (body["orderQty"]?.GetValue<int>() is not > 0) return Failure("UnknownReason", "orderQty must be positive");
        foreach (var price in new[] { (decimal?)body["price"], (decimal?)body["stopPrice"] })
            if (price is { } p && p % FakeTradovateVenue.TickSize != 0) return Failure("InvalidPrice", $"{p} is off the {FakeTradovateVenue.TickSize} tick grid");
        return null;
    }

    private (JsonObject, List<FakeEvent>) Command(JsonObject body, Func<long, List<FakeEvent>> act)
    {
        if (body["orderId"]?.GetValue<long>() is not { } id || Venue.Order(id) is null) return (Failure("UnknownReason", "no such order"), []);
        return (new JsonObject { ["commandId"] = id + 1_000_000 }, act(id));
    }

    private (JsonObject, List<FakeEvent>) Liquidate(JsonObject body)
    {
        var accountId = (long)body["accountId"]!;
        var contractId = (long)body["contractId"]!;
        var events = new List<FakeEvent>();
        foreach (var working in Venue.Orders(o => (long)o["accountId"]! == accountId && (long)o["contractId"]! == contractId && (string)o["ordStatus"]! is "Working" or "Suspended"))
            events.AddRange(Venue.Cancel((long)working["id"]!));
        var net = Venue.NetPos(accountId, contractId);
        if (net == 0) return (Failure("UnknownReason", "no position to liquidate"), events);
        var (id, placed) = Venue.Place(accountId, contractId, net > 0 ? "Sell" : "Buy", (int)Math.Abs(net), "Market", null, null, null, true, true);
        return (new JsonObject { ["orderId"] = id }, [.. events, .. placed]);
    }

    /// <summary>A resting bracket or OCO leg is reached: it fills, its sibling is cancelled (one cancels the other).</summary>
    public void TriggerLeg(long orderId, decimal price)
    {
        var order = Venue.Order(orderId)!;
        var events = Venue.Fill(orderId, price);
        var siblings = Venue.Orders(o => (long)o["id"]! != orderId && (string)o["ordStatus"]! is "Working" or "Suspended"
            && ((order["parentId"] is { } p && (long?)o["parentId"] == (long)p) || (long?)o["ocoId"] == orderId || (long?)order["ocoId"] == (long)o["id"]!));
        foreach (var sibling in siblings) events.AddRange(Venue.Cancel((long)sibling["id"]!));
        Push(events);
    }

    /// <summary>Fills a working order (a limit reached), pushing the events.</summary>
    public void FillWorking(long orderId, decimal price) => Push(Venue.Fill(orderId, price));

    private long? ContractId(string name) => Contracts().FirstOrDefault(c => (string)c!["name"]! == name) is { } c ? (long)c["id"]! : null;

    private static JsonObject Failure(string reason, string text) => new() { ["failureReason"] = reason, ["failureText"] = text };
}
