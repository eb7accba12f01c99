using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>Issue 9 "done when": lost sockets, lost IB links and the daily restart window never send an order twice nor lose a fill.</summary>
public class InteractiveBrokersRecoveryTests
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(40);   // turns a stuck step into a failure that names it

    [Fact]
    public async Task SocketDroppedBetweenSendAndFill_Reconnect_FillAppliedOnce_NoSecondOrder()
    {
        // Arrange: the entry is working at IB
        await using var ib = await IbApp.StartAsync(arrangeFake: f => f.FillMarketOrders = false);
        var entry = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var key = (await ib.IntentsAsync()).Single(i => i.Id == entry.GetProperty("intentIds")[0].GetInt64()).IdempotencyKey;
        await ib.IntentStatusAsync(key, OrderIntentStatus.Submitted);
        await ib.Fake.WaitForReceivedAsync(3);   // "submitted" means queued on our side; wait until the fake has read it
        var orderId = int.Parse(ib.PlacedOrders.Single()[1], System.Globalization.CultureInfo.InvariantCulture);

        // Act: the socket drops; IB fills while we are away; the client reconnects (backoff on the fake clock)
        await ib.Fake.DropAllAsync();
        await ib.EventuallyAsync(async () => (await ib.AccountAsync()).GetProperty("connection").GetString() != "connected", "the drop to be seen");
        ib.Fake.FillSilently(orderId, 21502.75m);
        await ib.IntentStatusAsync(key, OrderIntentStatus.Filled, step: Backoff);
        await ib.ConnectedAsync();

        // Assert: recovered through REQ_EXECUTIONS, booked once, never re-sent
        await ib.Fake.WaitForReceivedAsync(7, 2);   // executions asked at connect and after the reconnect
        var intent = await ib.IntentAsync(key);
        Assert.Equal((1m, 21502.75m), (intent.FilledQuantity, intent.AvgFillPrice));
        Assert.Equal(1m, (await ib.BookAsync("MNQ1!"))!.Quantity);
        Assert.Single(ib.PlacedOrders);
    }

    [Fact]
    public async Task LiveFill_ThenReconnect_ExecutionsReplayed_DoNotBookTwice()
    {
        // Arrange: filled live
        await using var ib = await IbApp.StartAsync();
        var entry = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var key = (await ib.IntentsAsync()).Single(i => i.Id == entry.GetProperty("intentIds")[0].GetInt64()).IdempotencyKey;
        await ib.IntentStatusAsync(key, OrderIntentStatus.Filled);
        var executionRequests = ib.Fake.ReceivedMessages(7).Count;

        // Act: the socket resets (RST) and the client reconnects, replaying today's executions
        await ib.Fake.ResetAllAsync();
        await ib.EventuallyAsync(async () => ib.Fake.ReceivedMessages(7).Count > executionRequests
            && (await ib.AccountAsync()).GetProperty("connection").GetString() == "connected", "the reconnect and its reconciliation", Backoff);
        await ib.Fake.WaitForReceivedAsync(61, 2);   // positions compared after the replay

        // Assert
        Assert.Equal(1m, (await ib.BookAsync("MNQ1!"))!.Quantity);
        Assert.Equal(1m, (await ib.IntentAsync(key)).FilledQuantity);
        Assert.Single(ib.PlacedOrders);
    }

    [Fact]
    public async Task LinkLost1100_HoldsOrders_1102Reconciles_ThenReleasesThemOnce()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync();

        // Act: TWS loses IB; an entry arrives; IB comes back
        await ib.Fake.SendSystemErrorAsync(1100, "Connectivity between IB and Trader Workstation has been lost.");
        await ib.EventuallyAsync(async () => (await ib.AccountAsync()).GetProperty("connection").GetString() == "disconnected", "the link loss");
        var entry = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var key = (await ib.IntentsAsync()).Single(i => i.Id == entry.GetProperty("intentIds")[0].GetInt64()).IdempotencyKey;
        for (var i = 0; i < 5; i++) { ib.App.Time.Advance(TimeSpan.FromSeconds(1)); await Task.Delay(50); }
        var whileLost = (Placed: ib.PlacedOrders.Count, (await ib.IntentAsync(key)).Status);
        var openOrderRequests = ib.Fake.ReceivedMessages(5).Count;
        await ib.Fake.SendSystemErrorAsync(1102, "Connectivity between IB and Trader Workstation has been restored - data maintained.");
        await ib.IntentStatusAsync(key, OrderIntentStatus.Filled, step: Backoff);

        // Assert: nothing sent while the link was lost; reconciled (open orders asked again) before the one release
        Assert.Equal((0, OrderIntentStatus.Pending), whileLost);
        Assert.True(ib.Fake.ReceivedMessages(5).Count > openOrderRequests);
        Assert.Single(ib.PlacedOrders);
        Assert.Equal("connected", (await ib.AccountAsync()).GetProperty("connection").GetString());
    }

    [Fact]
    public async Task RestartWindow_HoldsOrders_AndReleasesThemOnceItHasPassed()
    {
        // Arrange: the app's clock reads 18:30 New York, inside a 18:25-18:32 restart window (short: every app timer
        // fires for each period the fake clock skips)
        await using var ib = await IbApp.StartAsync(new Dictionary<string, string?>
        {
            ["InteractiveBrokers:RestartWindowStart"] = "18:25",
            ["InteractiveBrokers:RestartWindowEnd"] = "18:32",
            ["InteractiveBrokers:RestartTimeZone"] = "America/New_York",
        }).WaitAsync(Step);

        // Act
        var entry = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""").WaitAsync(Step);
        var key = (await ib.IntentsAsync().WaitAsync(Step)).Single(i => i.Id == entry.GetProperty("intentIds")[0].GetInt64()).IdempotencyKey;
        var timersBefore = ib.App.Time.TimersCreated;
        await AdvanceBySecondsAsync(ib, 100);
        var inWindow = (Placed: ib.PlacedOrders.Count, (await ib.IntentAsync(key).WaitAsync(Step)).Status);
        var timersWhileHeld = ib.App.Time.TimersCreated - timersBefore;
        await AdvanceBySecondsAsync(ib, 25);   // 18:32:05
        await ib.IntentStatusAsync(key, OrderIntentStatus.Filled, step: TimeSpan.FromSeconds(1)).WaitAsync(Step);

        // Assert
        Assert.Equal((0, OrderIntentStatus.Pending), inWindow);
        // The hold waits on the clock: about one timer a second for it, not a loop that spins (it once made millions
        // of timers while connected inside the window, and every Advance then scanned them all)
        Assert.InRange(timersWhileHeld, 1, 2_000);
        Assert.Single(ib.PlacedOrders);
        Assert.Equal(1m, (await ib.BookAsync("MNQ1!").WaitAsync(Step))!.Quantity);
    }

    private static async Task AdvanceBySecondsAsync(IbApp ib, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            ib.App.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task OrderHeldLongerThanMaxHold_IsRejectedNotSent_EvenWhenTheLinkComesBack()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync(new Dictionary<string, string?> { ["InteractiveBrokers:MaxHoldSeconds"] = "60" });
        await ib.Fake.SendSystemErrorAsync(1100, "Connectivity between IB and Trader Workstation has been lost.");
        await ib.EventuallyAsync(async () => (await ib.AccountAsync()).GetProperty("connection").GetString() == "disconnected", "the link loss");

        // Act: the entry waits more than a minute, then IB comes back
        var entry = await ib.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var key = (await ib.IntentsAsync()).Single(i => i.Id == entry.GetProperty("intentIds")[0].GetInt64()).IdempotencyKey;
        await ib.IntentStatusAsync(key, OrderIntentStatus.Rejected, step: TimeSpan.FromSeconds(10));
        await ib.Fake.SendSystemErrorAsync(1102, "Connectivity between IB and Trader Workstation has been restored - data maintained.");
        await ib.ConnectedAsync();

        // Assert
        Assert.Contains("not sent", (await ib.IntentAsync(key)).Reason);
        Assert.Empty(ib.PlacedOrders);
    }
}
