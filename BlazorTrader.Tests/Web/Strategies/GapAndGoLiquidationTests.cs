using System.Collections.Concurrent;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Tests.Web.Execution;
using BlazorTrader.Tests.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>The day trader's end of day on the paper broker: brackets cancelled before any close, untracked universe positions sold too.</summary>
public sealed class GapAndGoLiquidationTests
{
    [Fact]
    public async Task Liquidate_CancelsTheBracketBeforeClosing_AndSellsAnUntrackedUniversePosition()
    {
        // Arrange: GAPR bought by the scan with its bracket resting; FLAT (universe) and OTHR (not) bought at the broker by hand
        var calls = new BrokerCalls();
        await using var app = new ExecutionAppFactory(start: GapAndGoTape.ScanAt, decorator: calls);
        var account = await app.PaperAccountIdAsync();
        var id = await GapAndGoTape.CreateStrategyAsync(app, account);
        await GapAndGoTape.PlayAsync(app, GapAndGoTape.Ticks());
        await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Status == PaperOrderStatus.Working)) == 2, "the bracket");
        await app.DbAsync(async db =>
        {
            db.PaperPositions.AddRange(new PaperPositionEntity { AccountId = account, Symbol = "FLAT", Quantity = 100, AvgPrice = 4.90m },
                new PaperPositionEntity { AccountId = account, Symbol = "OTHR", Quantity = 50, AvgPrice = 12m });
            return await db.SaveChangesAsync();
        });
        app.SetPrice("OTHR", 12m);

        // Act
        var result = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/liquidate");
        var repeat = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/liquidate");

        // Assert: the steps, in order
        var key = $"gap:{id}:2026-11-19:GAPR:1";
        var steps = result.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("symbol").GetString(), s.GetProperty("action").GetString(), s.GetProperty("quantity").GetDecimal(), s.GetProperty("orderRef").GetString())).ToList();
        Assert.Equal([("GAPR", "cancel", 589m, key + ":sl"), ("GAPR", "cancel", 589m, key + ":tp"), ("GAPR", "sell", 589m, $"gap:{id}:2026-11-19:GAPR:liquidate"),
            ("FLAT", "sell-untracked", 100m, $"gap:{id}:2026-11-19:FLAT:liquidate")], steps);
        // A repeat sells nothing more (its cancels of orders still being cancelled are harmless)
        Assert.DoesNotContain(repeat.GetProperty("steps").EnumerateArray(), s => s.GetProperty("action").GetString()!.StartsWith("sell"));

        // Only OTHR is left, nothing works at the broker, the book is flat too (FLAT was adopted, then sold)
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(account)).Count == 1, "the liquidation fills");
        Assert.Equal(new Dictionary<string, decimal> { ["OTHR"] = 50 }, await app.BrokerPositionsAsync(account));
        Assert.Equal(0, await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.Status == PaperOrderStatus.Working || o.Status == PaperOrderStatus.Held)));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the book flat");

        // Every cancel was answered by the broker before the first closing order reached it
        var log = calls.Log.ToList();
        var firstClose = log.FindIndex(c => c.StartsWith("place ") && c.EndsWith(":liquidate"));
        Assert.True(firstClose > 0, string.Join(", ", log));
        Assert.Equal([$"cancelled {key}:sl", $"cancelled {key}:tp"], log.Take(firstClose).Where(c => c.StartsWith("cancelled ")).Order().ToList());
        Assert.True(await app.DbAsync(db => db.AuditLog.AnyAsync(a => a.Category == "gap-and-go" && a.Message.Contains("takes the broker's 100"))));
    }

    /// <summary>Records placements as they reach the broker and cancels once the broker answered them.</summary>
    private sealed class BrokerCalls : IBrokerDecorator
    {
        public ConcurrentQueue<string> Log { get; } = new();

        public IBroker Decorate(IBroker broker) => new Recording(broker, Log);

        private sealed class Recording(IBroker inner, ConcurrentQueue<string> log) : DelegatingBroker(inner)
        {
            public override Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct)
            {
                log.Enqueue($"place {request.ClientOrderRef}");
                return base.PlaceOrderAsync(request, ct);
            }

            public override async Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct)
            {
                var answer = await base.CancelOrderAsync(request, ct);
                log.Enqueue($"cancelled {request.ClientOrderRef}");
                return answer;
            }
        }
    }
}
