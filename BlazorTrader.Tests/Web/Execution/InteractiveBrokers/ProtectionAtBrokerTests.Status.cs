using BlazorTrader.Engine;
using BlazorTrader.Engine.Accounts;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>What the Accounts page and the Control Center show of the protection (the engine's <see cref="IProtectionStatus"/>),
/// and the account's "place missing protection" (CheckProtection for one account).</summary>
public partial class ProtectionAtBrokerTests
{
    [Fact]
    public async Task Status_ShowsStopAndTargets_ARejectedStopIsUnprotected_AndTheAccountsCheckPlacesItAgain()
    {
        // Arrange: long 2 protected at the broker
        await using var p = await LongTwoProtectedAsync();
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => i.Status == OrderIntentStatus.Submitted), "the intents to be submitted");
        var status = p.Ib.App.Services.GetRequiredService<IProtectionStatus>();
        var engine = p.Ib.App.Services.GetRequiredService<ITradingEngine>();
        var protectedNow = Assert.Single(await status.OpenPositionsAsync(p.Ib.AccountId, default));

        // Act: IB rejects the resting stop (error 201); the keeper does not loop on a rejection, so it stays missing
        var stop = p.Resting()[0];
        lock (p.Ib.Fake.Book.Gate) p.Ib.Fake.Book.Orders[stop.OrderId].Status = "Cancelled";
        await p.Ib.Fake.SendToAllAsync("4", "2", FakeTwsBook.S(stop.OrderId), "201", "Order rejected - reason: margin", "");
        await p.Ib.EventuallyAsync(async () => (await status.OpenPositionsAsync(p.Ib.AccountId, default)).Single().State == ProtectionState.Unprotected,
            "the position to show unprotected", Step);
        var unprotected = (await status.OpenPositionsAsync(p.Ib.AccountId, default)).Single();
        var check = await engine.SendAsync(new CheckProtection(p.Ib.AccountId), TimeSpan.FromSeconds(30));
        await p.Ib.EventuallyAsync(async () => (await status.OpenPositionsAsync(p.Ib.AccountId, default)).Single().State == ProtectionState.Protected,
            $"the stop to be placed again ({check})", Step);

        // Assert
        Assert.Equal((ProtectionState.Protected, 2m, 21498m), (protectedNow.State, protectedNow.Quantity, protectedNow.Stop));
        Assert.Equal([21502.5m, 21505m], protectedNow.Targets);
        Assert.Equal((ProtectionState.Unprotected, null, "no stop at the broker"), (unprotected.State, unprotected.Stop, unprotected.Detail));
        Assert.Equal([21502.5m, 21505m], unprotected.Targets);
        Assert.True((1, 1, 0) == (check.PositionsChecked, check.Placed, check.Cancelled) && check.Skipped is [], check.ToString());
        // the stop's next revision rests at the fake (its working state may follow the engine's by a moment)
        await p.RestingAsync("the stop's next revision", resting => resting.Count > 0 && resting[0].OrderRef == stop.OrderRef + ":1");
    }

    [Fact]
    public async Task AccountCheck_OfAnAccountThatIsNotConnected_SaysSo_AndChecksNothing()
    {
        // Arrange: TWS goes away
        await using var p = await StartAsync(arrange: fake => fake.RefuseConnections = false);
        p.Ib.Fake.RefuseConnections = true;
        await p.Ib.Fake.DropAllAsync();
        await p.Ib.EventuallyAsync(async () => (await p.Ib.AccountAsync()).GetProperty("connection").GetString() != "connected", "the account to disconnect");
        var engine = p.Ib.App.Services.GetRequiredService<ITradingEngine>();

        // Act
        var check = await engine.SendAsync(new CheckProtection(p.Ib.AccountId), TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(0, check.PositionsChecked);
        Assert.Equal(["'IB paper' is not connected"], check.Skipped);
    }
}
