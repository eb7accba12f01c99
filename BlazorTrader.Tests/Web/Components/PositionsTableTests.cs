using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Events;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

public class PositionsTableTests : MudTestContext
{
    private static PositionSnapshot Mnq(decimal price, decimal unrealized, string status = "open") => new(
        Id: 1, RecorderId: 5, Ticker: "MNQ1!", Side: "long", TotalQuantity: 2, AvgEntryPrice: 21500m, CurrentPrice: price,
        UnrealizedPnl: unrealized, RealizedPnl: 0, WorstUnrealizedPnl: 0, BestUnrealizedPnl: unrealized, Status: status,
        OpenedAt: new DateTime(2026, 11, 20, 14, 59, 0, DateTimeKind.Utc), ClosedAt: null);

    [Fact]
    public void ShowsPosition_AfterEnginePublishes_AndTheThrottleElapses()
    {
        // Arrange
        var cut = Render<PositionsTable>(p => p.Add(x => x.RecorderNames, new Dictionary<long, string> { [5] = "MNQ scalper" }));
        Assert.Contains("No open positions", cut.Markup);

        // Act: the engine publishes; nothing renders until the next throttle tick
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), Mnq(21500m, 0m)));
        Assert.DoesNotContain("MNQ1!", cut.Markup);
        Time.Advance(LiveComponentBase.RenderInterval);

        // Assert
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("MNQ1!", cut.Markup);
            Assert.Contains("MNQ scalper", cut.Markup);
        }, Wait);
    }

    [Fact]
    public void Repricing_BurstIsConflated_IntoOneRenderWithTheLatestPrice()
    {
        // Arrange
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), Mnq(21500m, 0m)));
        var cut = Render<PositionsTable>();
        Time.Advance(LiveComponentBase.RenderInterval);
        cut.WaitForAssertion(() => Assert.Contains("MNQ1!", cut.Markup), Wait);

        // Act: 50 repricings within one throttle interval; none shows before the tick
        for (var i = 1; i <= 50; i++) Hub.Publish(new PositionsRepriced(Time.GetUtcNow(), [Mnq(21500m + i * 0.25m, i * 0.25m * 4)]));
        Assert.Equal("$0.00", cut.Find("[data-testid=position-unrealized]").TextContent);
        Time.Advance(LiveComponentBase.RenderInterval);

        // Assert: the tick shows the latest repricing (50 x 0.25 points x $2 x 2 contracts = $50)
        cut.WaitForAssertion(() => Assert.Equal("+$50.00", cut.Find("[data-testid=position-unrealized]").TextContent), Wait);
    }

    [Fact]
    public void OnAQuietScreen_ANewPosition_ShowsWithoutWaitingForTheTick()
    {
        // Arrange: the first tick showed the table; the next one had nothing new
        var cut = Render<PositionsTable>();
        Time.Advance(LiveComponentBase.RenderInterval);
        cut.WaitForState(() => cut.RenderCount >= 2, Wait);
        Time.Advance(LiveComponentBase.RenderInterval);

        // Act: a webhook opens a position, and the clock stands still
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), Mnq(21500m, 0m)));

        // Assert: on screen at once (the changes after it wait for the next tick: the test above)
        cut.WaitForAssertion(() => Assert.Contains("MNQ1!", cut.Markup), Wait);
    }

    [Fact]
    public void ClosedPosition_DisappearsFromTheLiveTable()
    {
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), Mnq(21500m, 0m)));
        var cut = Render<PositionsTable>();
        Time.Advance(LiveComponentBase.RenderInterval);
        cut.WaitForAssertion(() => Assert.Contains("MNQ1!", cut.Markup), Wait);

        Hub.Publish(new PositionChanged(Time.GetUtcNow(), Mnq(21510m, 0m, status: "closed")));
        Time.Advance(LiveComponentBase.RenderInterval);

        cut.WaitForAssertion(() => Assert.DoesNotContain("MNQ1!", cut.Markup), Wait);
    }
}
