using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.MarketData;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

public class DataModeComponentsTests : MudTestContext
{
    private static FeedSymbolStatus Status(string mode, int? delay = null) => new("MNQ1!", mode, delay, 1200, 21500m);

    private static PositionSnapshot OpenMnq(long recorderId = 5, bool paused = false) => new(
        1, recorderId, "MNQ1!", "long", 1, 21500m, 21500m, 0, 0, 0, 0, "open", new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc), null, paused);

    [Theory]
    [InlineData("realtime", null, "real-time", "mud-chip-color-success")]
    [InlineData("delayed", 600, "delayed 10 min", "mud-chip-color-warning")]
    [InlineData("stale", null, "stale", "mud-chip-color-error")]
    [InlineData("simulated", null, "simulated", "mud-chip-color-success")]
    public void Chip_ShowsTheDataModeInItsColour(string mode, int? delay, string text, string colourClass)
    {
        var cut = Render<DataModeChip>(p => p.Add(x => x.Status, Status(mode, delay)));

        var chip = cut.Find("[data-testid=data-mode-chip]");
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Contains(colourClass, chip.ClassName);
    }

    [Fact]
    public void Chip_SaysNoData_AndShowsThePausedState()
    {
        var cut = Render<DataModeChip>(p => p.Add(x => x.Status, null).Add(x => x.ExitsPaused, true));

        Assert.Equal("no data", cut.Find("[data-testid=data-mode-chip]").TextContent.Trim());
        Assert.Contains("TP/SL paused", cut.Find("[data-testid=exits-paused-chip]").TextContent);
    }

    [Fact]
    public void Banner_WarnsAboutAPositionOnDelayedData_WithTheFix()
    {
        // Arrange
        Hub.ResetOpenPositions([OpenMnq(paused: true)]);
        Feed.Symbols.Add(Status("delayed", 600));

        // Act
        var cut = Render<DataWarningBanner>();

        // Assert
        var alert = cut.Find("[data-testid=data-warning]");
        Assert.Contains("MNQ1! prices are 10 min late", alert.TextContent);
        Assert.Contains("MarketData:TradingViewAuthToken", alert.TextContent);
        Assert.Contains("TP/SL decisions are paused", alert.TextContent);
    }

    [Fact]
    public void Banner_IsSilent_OnRealTimeData_AndForOtherRecorders()
    {
        Hub.ResetOpenPositions([OpenMnq(recorderId: 5)]);
        Feed.Symbols.Add(Status("delayed", 600));

        var otherRecorder = Render<DataWarningBanner>(p => p.Add(x => x.RecorderId, 9));
        Feed.Symbols[0] = Status("realtime");
        var live = Render<DataWarningBanner>();

        Assert.Empty(otherRecorder.FindAll("[data-testid=data-warning]"));
        Assert.Empty(live.FindAll("[data-testid=data-warning]"));
    }

    [Fact]
    public void Banner_AppearsLive_WhenASymbolTurnsStale()
    {
        Hub.ResetOpenPositions([OpenMnq()]);
        Feed.Symbols.Add(Status("realtime"));
        var cut = Render<DataWarningBanner>();
        Assert.Empty(cut.FindAll("[data-testid=data-warning]"));

        Feed.Symbols[0] = Status("stale");
        Time.Advance(LiveComponentBase.RenderInterval * 4);   // the once-a-second re-check

        cut.WaitForAssertion(() => Assert.Contains("no price for", cut.Find("[data-testid=data-warning]").TextContent), Wait);
    }

    [Fact]
    public void PositionRow_ShowsItsSymbolsDataMode()
    {
        Hub.ResetOpenPositions([OpenMnq()]);
        Feed.Symbols.Add(Status("delayed", 600));

        var cut = Render<PositionsTable>();

        Assert.Equal("delayed 10 min", cut.Find("[data-testid=data-mode-chip]").TextContent.Trim());
    }
}
