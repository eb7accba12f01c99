using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Protection;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Execution.InteractiveBrokers;

/// <summary>The bounded wait of an engine exit held for the protective orders (issue 15, risk): a TWS that never answers the cancels.</summary>
public partial class ProtectionAtBrokerTests
{
    [Fact]
    public async Task HeldExit_WhenTheBrokerNeverAnswersTheCancels_AlertsAndCancelsAgain_ThenGoesOnceTheOrdersAreKnownGone_FlatOnce()
    {
        // Arrange: protected long 2; TWS swallows every cancel from now on
        await using var p = await LongTwoProtectedAsync();
        await p.Ib.EventuallyAsync(async () => (await p.ProtectiveIntentsAsync()).All(i => i.Status == OrderIntentStatus.Submitted), "the intents to be submitted");
        var resting = p.Resting();
        p.Ib.Fake.AnswerCancels = false;

        // Act 1: the recorder's stop fires; its exit waits for cancels that never come
        await p.TickAsync(21498m);
        await p.Ib.EventuallyAsync(() => Task.FromResult(p.Ib.Fake.ReceivedMessages(4).Count == 3), "the three cancels to reach TWS");
        await p.Ib.EventuallyAsync(async () => (await AuditAsync(p)).Any(m => m.Contains("still rest at the broker (cancel sent again)", StringComparison.Ordinal)),
            "the keeper to alert after its patience", Step);
        // The cancels go out off the engine loop, so they may reach TWS just after the alert's audit row
        await p.Ib.EventuallyAsync(() => Task.FromResult(p.Ib.Fake.ReceivedMessages(4).Count >= 6), "the three cancels sent again to reach TWS");
        var exitWhileHeld = (await p.Ib.IntentsAsync()).Single(i => i.Source == "exit");
        var sellsWhileHeld = p.Ib.PlacedOrders.Count(f => f[18] == "MKT" && f[16] == "SELL");

        // Act 2: the orders end at TWS, and the answer is lost
        foreach (var order in resting) p.Ib.Fake.CancelSilently(order.OrderId);
        await p.Ib.EventuallyAsync(async () => await p.AccountQuantityAsync() == 0 && (await p.Ib.IntentsAsync()).All(i => !i.Status.IsOpen()), "the exit to go and fill", Step);

        // Assert: held (not sent) while the orders rested, cancels sent again; then one SELL 2 and flat
        Assert.Equal((OrderIntentStatus.Pending, ProtectionKeeper.HeldReason), (exitWhileHeld.Status, exitWhileHeld.Reason));
        Assert.Equal(0, sellsWhileHeld);
        Assert.Equal(2m, D(Assert.Single(p.Ib.PlacedOrders, f => f[18] == "MKT" && f[16] == "SELL")[17]));
        Assert.Equal(0m, p.Ib.Fake.Book.Positions["MNQ"].Position);
        Assert.All(await p.ProtectiveIntentsAsync(), i => Assert.Equal(OrderIntentStatus.Cancelled, i.Status));
        Assert.Contains(await AuditAsync(p), m => m.Contains("no longer has them; the engine's exit goes now", StringComparison.Ordinal));
    }

    private static Task<List<string>> AuditAsync(Protected p) => p.Ib.App.DbAsync(db =>
        db.AuditLog.AsNoTracking().Where(a => a.Category == ProtectionKeeper.AuditCategory).Select(a => a.Message).ToListAsync());
}
