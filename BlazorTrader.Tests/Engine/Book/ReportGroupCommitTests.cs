using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Engine.Book;

/// <summary>Broker reports queued together are booked in one commit, each on the state the one before left.</summary>
public sealed class ReportGroupCommitTests
{
    [Fact]
    public async Task WorkingThenFilled_InOneGroup_BooksTheFillOnce_AndAnnouncesEachStepAsItWas()
    {
        // Arrange: two copied buys at the broker
        await using var engine = new EngineHarness();
        var account = await engine.AddPaperAccountAsync();
        await SeedIntentAsync(engine, account, "a", "MNQ1!", OrderIntentStatus.Submitted, quantity: 2);
        await SeedIntentAsync(engine, account, "b", "ES1!", OrderIntentStatus.Submitted, quantity: 2);
        var announced = new List<OrderIntentSnapshot>();
        using var _ = engine.Events.Subscribe(e => { if (e is OrderIntentChanged c) announced.Add(c.Intent); });

        // Act: a acknowledged, then a filled (cumulative: repeated), then b filled, in one group
        await engine.ReportAsync(
            Report(engine, account, "a", BrokerOrderStatus.Working, 0, null),
            Report(engine, account, "a", BrokerOrderStatus.Filled, 2, 21500m),
            Report(engine, account, "a", BrokerOrderStatus.Filled, 2, 21500m),
            Report(engine, account, "b", BrokerOrderStatus.Filled, 2, 6000m));

        // Assert: the account holds 2 of each, booked once; every report that moved an intent was announced as it left
        // it, and the repeated one, which moved nothing, was not written or announced again
        await using var db = engine.Db();
        var books = await db.AccountPositions.OrderBy(p => p.Symbol).ToListAsync();
        Assert.Equal([("ES1!", 2m, 6000m), ("MNQ1!", 2m, 21500m)], books.Select(p => (p.Symbol, p.Quantity, p.AvgPrice)));
        Assert.All(await db.OrderIntents.ToListAsync(), i => Assert.Equal((OrderIntentStatus.Filled, 2m), (i.Status, i.FilledQuantity)));
        Assert.Equal([("a", "Submitted", 0m), ("a", "Filled", 2m), ("b", "Filled", 2m)],
            announced.Select(i => (i.IdempotencyKey, i.Status, i.FilledQuantity)));
    }

    [Fact]
    public async Task ABadReport_InAGroup_CostsOnlyItself()
    {
        // Arrange: c was rejected; a late partial fill of it is a broken invariant
        await using var engine = new EngineHarness();
        var account = await engine.AddPaperAccountAsync();
        await SeedIntentAsync(engine, account, "a", "MNQ1!", OrderIntentStatus.Submitted);
        await SeedIntentAsync(engine, account, "c", "CL1!", OrderIntentStatus.Rejected);
        await SeedIntentAsync(engine, account, "b", "ES1!", OrderIntentStatus.Submitted);

        // Act
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.ReportAsync(
            Report(engine, account, "a", BrokerOrderStatus.Filled, 1, 21500m),
            Report(engine, account, "c", BrokerOrderStatus.PartiallyFilled, 1, 70m),
            Report(engine, account, "b", BrokerOrderStatus.Filled, 1, 6000m)));

        // Assert: a and b are booked (the group was undone, then each report booked on its own); c changed nothing
        Assert.Contains("Rejected", failure.Message);
        await using var db = engine.Db();
        var intents = await db.OrderIntents.ToDictionaryAsync(i => i.IdempotencyKey);
        Assert.Equal(OrderIntentStatus.Filled, intents["a"].Status);
        Assert.Equal(OrderIntentStatus.Filled, intents["b"].Status);
        Assert.Equal((OrderIntentStatus.Rejected, 0m), (intents["c"].Status, intents["c"].FilledQuantity));
        Assert.Equal(["ES1!", "MNQ1!"], await db.AccountPositions.OrderBy(p => p.Symbol).Select(p => p.Symbol).ToListAsync());
    }

    private static BrokerOrderUpdated Report(EngineHarness engine, long account, string key, BrokerOrderStatus status, decimal filled, decimal? price) =>
        new(new OrderStatusReported(account, engine.Time.GetUtcNow(), key, $"B-{key}", status, filled, price));

    private static async Task SeedIntentAsync(EngineHarness engine, long account, string key, string ticker, OrderIntentStatus status, decimal quantity = 1)
    {
        await using var db = engine.Db();
        var now = engine.Time.GetUtcNow().UtcDateTime;
        db.OrderIntents.Add(new OrderIntentEntity
        {
            IdempotencyKey = key, AccountId = account, Source = "webhook", Ticker = ticker, Action = OrderAction.Buy,
            Quantity = quantity, Type = OrderType.Market, Status = status, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }
}
