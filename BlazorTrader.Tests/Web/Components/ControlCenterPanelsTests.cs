using BlazorTrader.Components.ControlCenter;
using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Events;
using BlazorTrader.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorTrader.Tests.Web.Components;

public class ControlCenterPanelsTests : MudTestContext
{
    internal sealed class RecordingActions : IControlCenterActions
    {
        public List<string> Calls { get; } = [];
        public bool Succeed { get; set; } = true;
        public bool IsAvailable => true;
        public string UnavailableReason => "";
        public bool? KillSwitchEngaged => false;

        public Task<IReadOnlyList<TradingAccount>> AccountsAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<TradingAccount>>([new TradingAccount(1, "Paper", "Paper", true)]);

        public Task<ControlActionResult> PlaceOrderAsync(ManualOrderRequest order, CancellationToken ct = default) =>
            Record($"order {order.Side} {order.Quantity} {order.Ticker} {order.RequestId}");

        public Task<ControlActionResult> ClosePositionAsync(long positionId, string requestId, CancellationToken ct = default) => Record($"close {positionId}");

        public Task<ControlActionResult> RollPositionAsync(long positionId, CancellationToken ct = default) => Record($"roll {positionId}");

        public Task<ControlActionResult> CloseAccountPositionAsync(long accountId, string symbol, string requestId, CancellationToken ct = default) =>
            Record($"close account {accountId} {symbol}");

        public Task<ControlActionResult> CancelOrderAsync(long intentId, CancellationToken ct = default) => Record($"cancel {intentId}");

        public Task<ControlActionResult> FlattenAllAsync(string requestId, CancellationToken ct = default) => Record("flatten");

        public Task<ControlActionResult> SetKillSwitchAsync(bool engaged, string requestId, CancellationToken ct = default) => Record($"kill {engaged}");

        private Task<ControlActionResult> Record(string call)
        {
            Calls.Add(call);
            return Task.FromResult(Succeed ? ControlActionResult.Ok("done") : ControlActionResult.Failed("broker timeout"));
        }
    }

    [Fact]
    public void TradingButtons_AreDisabled_AndSaySo_UntilExecutionIsAvailable()
    {
        var trade = Render<ManualTradePanel>();
        var danger = Render<DangerZone>();

        Assert.All(trade.FindAll("button").Where(b => b.TextContent is "Buy" or "Sell"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Contains("not available yet", trade.Markup);
        Assert.All(danger.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void FlattenAll_AsksForConfirmation_AndOnlyThenActs()
    {
        // Arrange
        var actions = new RecordingActions();
        Services.AddSingleton<IControlCenterActions>(actions);
        var dialogs = Render<MudDialogProvider>();
        var danger = Render<DangerZone>();

        // Act 1: click, then cancel
        danger.FindAll("button").First(b => b.TextContent.Contains("Flatten all")).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Flatten all?", dialogs.Markup), Wait);
        dialogs.FindAll("button").First(b => b.TextContent.Contains("Cancel")).Click();

        // Assert 1
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Flatten all?", dialogs.Markup), Wait);
        Assert.Empty(actions.Calls);

        // Act 2: click, then confirm
        danger.FindAll("button").First(b => b.TextContent.Contains("Flatten all")).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Flatten all?", dialogs.Markup), Wait);
        dialogs.FindAll("button").Last(b => b.TextContent.Contains("Flatten all")).Click();

        // Assert 2
        danger.WaitForAssertion(() => Assert.Equal(["flatten"], actions.Calls), Wait);
    }

    [Fact]
    public void ManualOrder_Retry_ReusesTheRequestId_UntilTheOrderSucceeded()
    {
        // Arrange
        var actions = new RecordingActions { Succeed = false };
        Services.AddSingleton<IControlCenterActions>(actions);
        var trade = Render<ManualTradePanel>();
        trade.FindAll("input").First(i => i.GetAttribute("placeholder") == "MNQ1!").Change("MNQ1!");
        void Buy() => trade.FindAll("button").First(b => b.TextContent == "Buy").Click();

        // Act: a failed attempt and its retry, then a success, then a new order
        Buy();
        Buy();
        actions.Succeed = true;
        Buy();
        Buy();

        // Assert
        var ids = actions.Calls.Select(c => c.Split(' ')[^1]).ToList();
        Assert.Equal(4, ids.Count);
        Assert.StartsWith("order buy 1 MNQ1! ui-order:", actions.Calls[0]);
        Assert.Equal(ids[0], ids[1]);      // a retry is the same order: the engine answers it as a duplicate
        Assert.Equal(ids[0], ids[2]);
        Assert.NotEqual(ids[2], ids[3]);   // after a success the next click is a new order
    }

    [Fact]
    public void ManualOrder_SellAfterAFailedBuy_IsANewOrder_NotTheBuysRetry()
    {
        // Arrange
        var actions = new RecordingActions { Succeed = false };
        Services.AddSingleton<IControlCenterActions>(actions);
        var trade = Render<ManualTradePanel>();
        trade.FindAll("input").First(i => i.GetAttribute("placeholder") == "MNQ1!").Change("MNQ1!");

        // Act: Buy times out, the trader presses Sell instead
        trade.FindAll("button").First(b => b.TextContent == "Buy").Click();
        trade.FindAll("button").First(b => b.TextContent == "Sell").Click();

        // Assert
        var ids = actions.Calls.Select(c => c.Split(' ')[^1]).ToList();
        Assert.Equal(2, ids.Count);
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public void LiveLog_ShowsNewestFirst_AndFiltersByLevel()
    {
        var cut = Render<LiveLog>();

        Hub.Publish(new LogEntry(Time.GetUtcNow(), EngineLogLevel.Info, "first"));
        Hub.Publish(new LogEntry(Time.GetUtcNow(), EngineLogLevel.Debug, "noise"));
        Hub.Publish(new LogEntry(Time.GetUtcNow(), EngineLogLevel.Warning, "second"));
        Time.Advance(LiveComponentBase.RenderInterval);

        cut.WaitForAssertion(() => Assert.Equal(["second", "first"], cut.FindAll(".bt-log-msg").Select(e => e.TextContent)), Wait);
    }

    [Fact]
    public async Task LiveLog_PausesWhileTheUserScrolls_AndCatchesUpWhenBackAtTheTop()
    {
        // Arrange
        var cut = Render<LiveLog>();
        Hub.Publish(new LogEntry(Time.GetUtcNow(), EngineLogLevel.Info, "before"));
        Time.Advance(LiveComponentBase.RenderInterval);
        cut.WaitForAssertion(() => Assert.Contains("before", cut.Markup), Wait);

        // Act 1: app.js reports that the user scrolled away from the newest entries
        await cut.InvokeAsync(() => cut.Instance.OnScrollPausedChanged(true));
        Hub.Publish(new LogEntry(Time.GetUtcNow(), EngineLogLevel.Info, "while scrolling"));
        Hub.Publish(new LogEntry(Time.GetUtcNow(), EngineLogLevel.Info, "still scrolling"));
        Time.Advance(LiveComponentBase.RenderInterval);

        // Assert 1: the list holds still and says how much arrived
        cut.WaitForAssertion(() => Assert.Contains("Paused while you scroll · 2 new", cut.Markup), Wait);
        Assert.DoesNotContain("while scrolling", cut.Markup);

        // Act 2: back at the top
        await cut.InvokeAsync(() => cut.Instance.OnScrollPausedChanged(false));

        // Assert 2
        cut.WaitForAssertion(() => Assert.Equal(["still scrolling", "while scrolling", "before"], cut.FindAll(".bt-log-msg").Select(e => e.TextContent)), Wait);
        Assert.DoesNotContain("Paused", cut.Markup);
    }
}
