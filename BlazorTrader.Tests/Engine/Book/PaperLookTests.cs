using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Engine.Book;

public sealed class PaperLookTests
{
    [Fact]
    public async Task TwoOrdersInANewSymbol_FilledInOneLook_OpenOnePosition_WithBothFills()
    {
        // Arrange: a paper account without latency; two market buys in a symbol it never held, accepted together
        await using var engine = new EngineHarness();
        var account = await engine.AddPaperAccountAsync();
        await engine.SyncBrokersAsync();
        var first = new PaperOrderReceived(account, new PlaceOrderRequest("o1", "MNQ1!", OrderAction.Buy, 1, OrderType.Market, ReferencePrice: 21500m));
        var second = new PaperOrderReceived(account, new PlaceOrderRequest("o2", "MNQ1!", OrderAction.Buy, 2, OrderType.Market, ReferencePrice: 21503m));
        await engine.ReportAsync(first, second);
        Assert.All(new[] { await first.Reply.Task, await second.Reply.Task }, r => Assert.Equal(PlaceOrderResult.Accepted, r.Result));

        // Act: one look at the account fills both (one save for the look)
        await engine.ReportAsync(new PaperFillDue(account));

        // Assert: one position of 3 at the average of the fills, each order filled and executed once
        await using var check = engine.Db();
        var position = await check.PaperPositions.SingleAsync(p => p.AccountId == account);
        Assert.Equal((3m, 21502m), (position.Quantity, position.AvgPrice));
        Assert.All(await check.PaperOrders.ToListAsync(), o => Assert.Equal((PaperOrderStatus.Filled, o.Quantity), (o.Status, o.FilledQuantity)));
        Assert.Equal(2, await check.PaperExecutions.CountAsync());
    }
}
