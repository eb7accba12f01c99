using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>
/// Index options and BAG combos (issue 16): contract details of IND and OPT, IND and OPT market data (bid, ask and the
/// model's TICK_OPTION_COMPUTATION), BAG limit orders that fill when their limit reaches the configured natural price, and
/// combo fills reported per leg (each leg's EXECUTION_DATA under its own contract, the BAG's too, then the BAG's ORDER_STATUS).
/// </summary>
internal sealed partial class FakeTwsServer
{
    public FakeTwsOptions Options { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _lockedRefs = new();

    /// <summary>Cancels of the order with this orderRef are answered 10148 and leave it working (TWS refusing, e.g. a locked order).</summary>
    public void RefuseCancels(string orderRef) => _lockedRefs[orderRef] = 0;

    internal bool RefusesCancel(FakeOrder order) => _lockedRefs.ContainsKey(order.OrderRef);

    /// <summary>Working BAG orders, by order id.</summary>
    public IReadOnlyList<FakeOrder> WorkingCombos()
    {
        lock (Book.Gate)
            return [.. Book.Orders.Values.Where(o => o.IsWorking && o.SecType == "BAG").OrderBy(o => o.OrderId)];
    }

    /// <summary>Sets an option position (e.g. to make a leg go missing or an orphan appear).</summary>
    public void SetOptionPosition(int conId, decimal position)
    {
        lock (Book.Gate) Options.Positions[conId] = position;
    }

    /// <summary>Fills a working combo at <paramref name="price"/> (debit for a BUY, credit for a SELL) and tells every session.</summary>
    public async Task FillComboAsync(int orderId, decimal price)
    {
        var (order, fills) = FillComboInBook(orderId, price);
        foreach (var fill in fills)
            await SendToAllAsync(FakeTwsOptions.LegExecution(fill, -1));
        await SendToAllAsync(BagExecution(order, price, -1));
        await SendToAllAsync(Status(order, order.Quantity, 0, S(price)));
        foreach (var fill in fills)
            await SendToAllAsync("59", "1", fill.ExecId, "1.10", "USD", "1.7976931348623157E308", "1.7976931348623157E308", "");
    }

    /// <summary>Leg prices are the chain's mids, the first bought leg moved so that the legs add up to the combo's price.</summary>
    private (FakeOrder Order, List<FakeLegFill> Fills) FillComboInBook(int orderId, decimal price)
    {
        lock (Book.Gate)
        {
            var order = Book.Orders[orderId];
            order.Status = "Filled";
            var legs = Options.ComboLegs[orderId];
            var buying = order.Action == "BUY";
            var priced = legs.Select(l => (Leg: l, Option: Options.ByConId(l.ConId)!, Bought: (l.Action == "BUY") == buying)).ToList();
            var net = priced.Sum(p => (p.Leg.Action == "BUY" ? 1 : -1) * p.Option.Mid);
            var adjustAt = priced.FindIndex(p => p.Leg.Action == "BUY");
            var fills = new List<FakeLegFill>();
            for (var i = 0; i < priced.Count; i++)
            {
                var (leg, option, bought) = priced[i];
                var legPrice = option.Mid + (i == adjustAt ? price - net : 0);
                var shares = order.Quantity * leg.Ratio;
                var fill = new FakeLegFill(order, option, $"0000e0d5.7701c3d4.01.{Options.LegFills.Count + 1:D2}", bought ? "BOT" : "SLD", shares, legPrice);
                Options.LegFills.Add(fill);
                Options.Positions[option.ConId] = Options.Positions.GetValueOrDefault(option.ConId) + (bought ? shares : -shares);
                fills.Add(fill);
            }
            return (order, fills);
        }
    }

    private static string[] BagExecution(FakeOrder o, decimal price, int requestId) =>
    [
        "11", S(requestId), S(o.OrderId), "28812380", "SPX", "BAG", "", "0", "", "", "SMART", "USD", "28812380", "COMB", $"0000e0d5.7701c3d4.02.{o.OrderId}",
        "20261120  09:45:30", Account, "SMART", o.Action == "BUY" ? "BOT" : "SLD", S(o.Quantity), S(price), S(o.PermId), S(o.ClientId), "0",
        S(o.Quantity), S(price), o.OrderRef, "", "", "", "0", "0",
    ];
}
