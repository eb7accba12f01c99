using BlazorTrader.Engine.Notifications;

namespace BlazorTrader.Tests.Engine.Notifications;

public class InAppNotifierTests
{
    [Fact]
    public async Task KeepsOnlyTheLastN_OldestFirst()
    {
        var inApp = new InAppNotifier(Notifications.Options(o => o.InAppCapacity = 3));

        for (var i = 1; i <= 5; i++)
            await inApp.NotifyAsync(Notifications.LimitHit($"n{i}"), CancellationToken.None);

        Assert.Equal(["n3", "n4", "n5"], inApp.Recent.Select(n => n.Title));
    }

    [Fact]
    public async Task NotifiesSubscribers_UntilTheirSubscriptionIsDisposed()
    {
        var inApp = new InAppNotifier(Notifications.Options());
        var seen = new List<string>();
        var subscription = inApp.Subscribe(n => seen.Add(n.Title));

        await inApp.NotifyAsync(Notifications.LimitHit("before"), CancellationToken.None);
        subscription.Dispose();
        await inApp.NotifyAsync(Notifications.LimitHit("after"), CancellationToken.None);

        Assert.Equal(["before"], seen);
        Assert.Equal(2, inApp.Recent.Count);
    }

    [Fact]
    public async Task AThrowingSubscriber_DoesNotStopTheOthers()
    {
        var inApp = new InAppNotifier(Notifications.Options());
        var seen = new List<string>();
        using var broken = inApp.Subscribe(_ => throw new InvalidOperationException("circuit gone"));
        using var healthy = inApp.Subscribe(n => seen.Add(n.Title));

        await inApp.NotifyAsync(Notifications.LimitHit(), CancellationToken.None);

        Assert.Equal(["Daily loss limit"], seen);
    }
}
