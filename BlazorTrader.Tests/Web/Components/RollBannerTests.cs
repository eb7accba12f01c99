using Microsoft.Extensions.DependencyInjection;
using Bunit;
using BlazorTrader.Components.ControlCenter;
using BlazorTrader.Engine.Events;

namespace BlazorTrader.Tests.Web.Components;

public class RollBannerTests : MudTestContext
{
    private static PositionSnapshot OpenMnq(DateTime openedUtc) =>
        new(3, 5, "MNQ1!", "long", 2, 21500m, 21500m, 0, 0, 0, 0, "open", openedUtc, null);

    [Fact]
    public void APositionOpenedInDecember_ShowsItsRoll_AfterMarchBecameTheFront()
    {
        Hub.ResetOpenPositions([OpenMnq(new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc))]);
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 15, 0, 0, TimeSpan.Zero));   // nothing rendered yet: no timers to catch up

        var cut = Render<RollBanner>();

        var alert = cut.Find("[data-testid=roll-banner]");
        Assert.Contains("MNQ1! (MNQZ2026)", alert.TextContent);
        Assert.Contains("roll 2 to MNQH2027", alert.TextContent);
    }

    [Fact]
    public void RollButton_SendsTheRollOfThatPosition_AndSaysWhatTheEngineAnswered()
    {
        var actions = new ControlCenterPanelsTests.RecordingActions();
        Services.AddSingleton<BlazorTrader.Services.IControlCenterActions>(actions);
        Hub.ResetOpenPositions([OpenMnq(new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc))]);
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 15, 0, 0, TimeSpan.Zero));
        var cut = Render<RollBanner>();

        var button = cut.Find("[data-testid=roll-button]");
        Assert.Contains("Roll to MNQH2027", button.TextContent);
        button.Click();

        cut.WaitForAssertion(() => Assert.Equal(["roll 3"], actions.Calls), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void NoBanner_WhileTheHeldMonthIsTheFrontAndFarFromItsLastTrade()
    {
        Hub.ResetOpenPositions([OpenMnq(new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc))]);

        var cut = Render<RollBanner>();

        Assert.Empty(cut.FindAll("[data-testid=roll-banner]"));
    }
}
