namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>
/// Resting protective orders (issue 15): STP and LMT orders stay working (GTC) until the test fills them; a fill cancels
/// the rest of its OCA group (ocaType 1), as TWS does; a modify of an order in an OCA group can be refused with 10326.
/// </summary>
internal sealed partial class FakeTwsServer
{
    /// <summary>True answers a modify (PLACE_ORDER again with a working order's id) in an OCA group with error 10326
    /// "OCA group revision is not allowed", leaving the order as it was.</summary>
    public bool RefuseOcaModify { get; set; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, decimal> _fillBeforeCancel = new();

    /// <summary>The race of a cancel with a fill: when the cancel of this order arrives, it has just filled at
    /// <paramref name="price"/> (its OCA group cancelled) and the cancel is answered 10148.</summary>
    public void FillBeforeCancel(int orderId, decimal price) => _fillBeforeCancel[orderId] = price;

    internal bool TakeFillBeforeCancel(int orderId, out decimal price) => _fillBeforeCancel.TryRemove(orderId, out price);

    /// <summary>Working orders of the fake, by order id.</summary>
    public IReadOnlyList<FakeOrder> WorkingOrders()
    {
        lock (Book.Gate)
            return [.. Book.Orders.Values.Where(o => o.IsWorking).OrderBy(o => o.OrderId)];
    }

    /// <summary>Fills a working order now, tells every session (execution, status, commission), and cancels the rest of its OCA group.</summary>
    public async Task FillRestingAsync(int orderId, decimal price)
    {
        var (fill, cancelled) = FillInBook(orderId, price);
        await SendToAllAsync(FakeTwsBook.Execution(fill, -1));
        await SendToAllAsync(FakeTwsBook.Status(fill.Order, fill.Order.Quantity, 0, FakeTwsBook.S(price)));
        await SendToAllAsync(FakeTwsBook.Commission(fill));
        foreach (var order in cancelled)
            await SendToAllAsync(FakeTwsBook.Status(order, 0, order.Quantity, "0"));
    }

    /// <summary>Fills a working order (and cancels its OCA group) while nobody listens: seen only through REQ_EXECUTIONS,
    /// REQ_OPEN_ORDERS and REQ_POSITIONS after the client comes back.</summary>
    public void FillRestingSilently(int orderId, decimal price) => FillInBook(orderId, price);

    private (FakeFill Fill, List<FakeOrder> Cancelled) FillInBook(int orderId, decimal price)
    {
        lock (Book.Gate)
        {
            var order = Book.Orders[orderId];
            var fill = Book.Fill(order, price);
            var cancelled = order.OcaGroup.Length == 0 ? []
                : Book.Orders.Values.Where(o => o.IsWorking && o.OcaGroup == order.OcaGroup && o.OrderId != orderId).ToList();
            foreach (var o in cancelled) o.Status = "Cancelled";
            return (fill, cancelled);
        }
    }
}

internal sealed partial class FakeTwsSession
{
    private async Task<bool> FilledBeforeCancelAsync(int orderId)
    {
        if (!server.TakeFillBeforeCancel(orderId, out var price)) return false;
        await server.FillRestingAsync(orderId, price);
        await SendAsync("4", "2", FakeTwsBook.S(orderId), "10148", $"OrderId {orderId} that needs to be cancelled cannot be cancelled, state: Filled.", "");
        return true;
    }

    /// <summary>Refuses a modify of a working OCA order with 10326 when the server is told to; true when refused.</summary>
    private async Task<bool> RefusedModifyAsync(FakeOrder parsed)
    {
        if (!server.RefuseOcaModify) return false;
        bool refuse;
        lock (server.Book.Gate)
            refuse = server.Book.Orders.TryGetValue(parsed.OrderId, out var existing) && existing.IsWorking && existing.OcaGroup.Length > 0;
        if (refuse)
            await SendAsync("4", "2", FakeTwsBook.S(parsed.OrderId), "10326", "OCA group revision is not allowed.", "");
        return refuse;
    }
}
