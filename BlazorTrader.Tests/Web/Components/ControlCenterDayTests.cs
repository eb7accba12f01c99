using BlazorTrader.Components.ControlCenter;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>The Control Center through a trader's day: the log after a restart, the phone's emergency bar, the manual order's answer.</summary>
public class ControlCenterDayTests : MudTestContext
{
    private sealed class AnsweringActions(ControlActionResult answer) : IControlCenterActions
    {
        public int Orders { get; private set; }
        public bool IsAvailable => true;
        public string UnavailableReason => "";
        public bool? KillSwitchEngaged => false;
        public Task<IReadOnlyList<TradingAccount>> AccountsAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<TradingAccount>>([new TradingAccount(3, "IB paper", "InteractiveBrokers", false), new TradingAccount(7, "Demo", "Paper", true)]);
        public Task<ControlActionResult> PlaceOrderAsync(ManualOrderRequest order, CancellationToken ct = default) { Orders++; return Task.FromResult(answer); }
        public Task<ControlActionResult> ClosePositionAsync(long positionId, string requestId, CancellationToken ct = default) => Task.FromResult(answer);
        public Task<ControlActionResult> RollPositionAsync(long positionId, CancellationToken ct = default) => Task.FromResult(answer);
        public Task<ControlActionResult> CloseAccountPositionAsync(long accountId, string symbol, string requestId, CancellationToken ct = default) => Task.FromResult(answer);
        public Task<ControlActionResult> CancelOrderAsync(long intentId, CancellationToken ct = default) => Task.FromResult(answer);
        public Task<ControlActionResult> FlattenAllAsync(string requestId, CancellationToken ct = default) => Task.FromResult(answer);
        public Task<ControlActionResult> SetKillSwitchAsync(bool engaged, string requestId, CancellationToken ct = default) => Task.FromResult(answer);
    }

    [Fact]
    public async Task LiveLog_AfterARestart_ShowsTheStoredHistory_BeforeTheLiveLines()
    {
        // Arrange: the database remembers a blocked entry from before the restart; the new process logged one line since
        var db = Services.GetRequiredService<ComponentTestDatabase>();
        await using (var ctx = db.CreateDbContext())
        {
            ctx.AuditLog.Add(new AuditLogEntry { At = new DateTime(2026, 11, 20, 14, 40, 0, DateTimeKind.Utc), Category = "limit", Message = "Entry in MNQ1! blocked: max 1 entries per day" });
            await ctx.SaveChangesAsync();
        }
        Hub.Publish(new LogEntry(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), EngineLogLevel.Info, "Engine started"));

        // Act
        var cut = Render<LiveLog>();

        // Assert: newest first, in exchange time
        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll(".bt-log-row").Select(r => r.TextContent).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains("Engine started", rows[0]);
            Assert.Contains("09:40:00 ET", rows[1]);
            Assert.Contains("blocked: max 1 entries per day", rows[1]);
        }, Wait);
    }

    [Fact]
    public void EmergencyBar_OffersFlattenAllAndTheKillSwitch_AsBigButtons()
    {
        Services.AddSingleton<IControlCenterActions>(new AnsweringActions(ControlActionResult.Ok("done")));

        var bar = Render<DangerZone>(p => p.Add(x => x.Compact, true));

        var buttons = bar.Find("[data-testid=emergency-bar]").QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["Flatten all", "Kill switch"], buttons);
        Assert.Empty(bar.FindAll("[data-testid=danger-zone]"));   // no card: the bar stays one line high
    }

    [Fact]
    public void ManualOrder_ShowsTheAnswerOnThePanel_AndNamesTheAccount()
    {
        // Arrange: the engine refuses the order
        var actions = new AnsweringActions(ControlActionResult.Failed("There is no live price for FOO yet, so Demo cannot fill a market order."));
        Services.AddSingleton<IControlCenterActions>(actions);
        var panel = Render<ManualTradePanel>();

        // Act
        panel.FindAll("input").First(i => i.GetAttribute("placeholder") == "MNQ1!").Change("FOO");
        panel.FindAll("button").First(b => b.TextContent == "Buy").Click();

        // Assert: the enabled account is chosen by name, and the refusal is on the panel, never "sent"
        Assert.Contains("Demo (Paper)", panel.Find("[data-testid=order-account]").OuterHtml);
        Assert.DoesNotContain("account 7", panel.Markup);
        panel.WaitForAssertion(() => Assert.Contains("no live price for FOO", panel.Find("[data-testid=order-result]").TextContent), Wait);
        Assert.DoesNotContain("sent", panel.Find("[data-testid=order-result]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, actions.Orders);
    }
}
