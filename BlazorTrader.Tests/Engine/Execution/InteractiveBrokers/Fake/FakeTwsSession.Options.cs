using System.Globalization;
using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>The session's side of <see cref="FakeTwsOptions"/>: contract details, market data, BAG placement, positions, executions.</summary>
internal sealed partial class FakeTwsSession
{
    /// <summary>REQ_CONTRACT_DATA for IND or OPT (fields: 2 reqId, 5 secType, 6 expiry, 7 strike, 8 right, 14 tradingClass); false for
    /// other kinds, and while no chain is configured (then any contract gets the fake's one canned answer).</summary>
    private async Task<bool> OptionContractDataAsync(string[] f)
    {
        lock (server.Book.Gate)
            if (server.Options.Chain.Count == 0) return false;
        var requestId = f[2];
        if (f[5] == "IND")
        {
            await SendAsync(FakeTwsOptions.IndexContractData(requestId));
            await SendAsync("52", "1", requestId);
            return true;
        }
        if (f[5] != "OPT") return false;
        var strike = decimal.TryParse(f[7], CultureInfo.InvariantCulture, out var k) ? k : 0m;
        FakeOption[] matches;
        lock (server.Book.Gate)
            matches = [.. server.Options.Chain.Where(o => o.LastTradeDate == f[6] && (strike == 0 || o.Strike == strike)
                && (f[8].Length == 0 || o.Right == f[8]) && (f[14].Length == 0 || f[14] == "SPXW")).OrderBy(o => o.Strike).ThenBy(o => o.Right)];
        if (matches.Length == 0)
        {
            await SendAsync("4", "2", requestId, "200", "No security definition has been found for the request", "");
            return true;
        }
        foreach (var option in matches) await SendAsync(FakeTwsOptions.ContractData(requestId, option));
        await SendAsync("52", "1", requestId);
        return true;
    }

    /// <summary>REQ_MKT_DATA for the SPX index (a last price) or an option by conId (bid, ask, then the model's computation).</summary>
    private async Task<bool> OptionMarketDataAsync(string[] f)
    {
        var requestId = f[2];
        if (f[5] == "IND")
        {
            decimal? price;
            lock (server.Book.Gate) price = server.Options.IndexPrice;
            if (price is { } p) await SendAsync("1", "6", requestId, "4", S(p), "0", "0");
            else await SendAsync("4", "2", requestId, "354", "Requested market data is not subscribed.", "");
            return true;
        }
        if (f[5] != "OPT") return false;
        FakeOption? option;
        decimal? spot;
        lock (server.Book.Gate) (option, spot) = (server.Options.ByConId(int.Parse(f[3], CultureInfo.InvariantCulture)), server.Options.IndexPrice);
        if (option is null)
        {
            await SendAsync("4", "2", requestId, "200", "No security definition has been found for the request", "");
            return true;
        }
        await SendAsync("1", "6", requestId, "1", S(option.Bid), "10", "0");
        await SendAsync("1", "6", requestId, "2", S(option.Ask), "10", "0");
        string D(double d) => d.ToString(CultureInfo.InvariantCulture);
        // tickAttrib 0, IV, delta, option price, pvDividend, gamma, vega, theta, underlying price
        await SendAsync("21", requestId, "13", "0", D(option.ImpliedVolatility), D(option.Delta), S(option.Mid), "0.0", "0.001", "1.5", "-0.8", S(spot ?? 0));
        return true;
    }

    /// <summary>After a BAG LMT is placed or modified: remember its legs, and fill it when its limit reaches the natural price.</summary>
    private async Task ComboPlacedAsync(FakeOrder order, string[] f)
    {
        if (order.SecType != "BAG") return;
        decimal? fillsAt;
        bool priced;
        lock (server.Book.Gate)
        {
            server.Options.ComboLegs[order.OrderId] = FakeTwsOptions.ParseLegs(f);
            fillsAt = order.Action == "BUY" ? server.Options.BuyComboFillsAt : server.Options.SellComboFillsAt;
            priced = server.Options.Chain.Count > 0;
        }
        if (!priced) return;   // no chain configured: combos just rest
        if (order.OrderType == "MKT" && order.Transmit && server.FillMarketOrders)
        {
            await server.FillComboAsync(order.OrderId, fillsAt ?? 0m);
            return;
        }
        if (order.OrderType != "LMT" || fillsAt is not { } natural || !decimal.TryParse(order.LimitPrice, CultureInfo.InvariantCulture, out var limit)) return;
        if (order.Action == "BUY" ? limit >= natural : limit <= natural)
            await server.FillComboAsync(order.OrderId, limit);
    }

    /// <summary>A cancel the server is told to refuse: 10148, the order keeps working; true when refused.</summary>
    private async Task<bool> RefusedCancelAsync(int orderId)
    {
        FakeOrder? order;
        lock (server.Book.Gate) server.Book.Orders.TryGetValue(orderId, out order);
        if (order is not { IsWorking: true } || !server.RefusesCancel(order)) return false;
        await SendAsync("4", "2", S(orderId), "10148", $"OrderId {orderId} that needs to be cancelled cannot be cancelled, state: PendingCancel.", "");
        return true;
    }

    private async Task OptionPositionsAsync()
    {
        (FakeOption Option, decimal Position)[] held;
        lock (server.Book.Gate)
            held = [.. server.Options.Positions.Where(p => p.Value != 0).Select(p => (server.Options.ByConId(p.Key)!, p.Value))];
        foreach (var (option, position) in held) await SendAsync(FakeTwsOptions.Position(option, position));
    }

    private async Task OptionExecutionsAsync(int requestId)
    {
        FakeLegFill[] fills;
        lock (server.Book.Gate) fills = [.. server.Options.LegFills];
        foreach (var fill in fills) await SendAsync(FakeTwsOptions.LegExecution(fill, requestId));
    }
}
