using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Notifications;

public class NotificationDispatcherTests
{
    readonly FakeTimeProvider _time = new(Notifications.At);

    [Fact]
    public async Task Publish_ReturnsWithinTheCall_AndOtherNotifiersStillDeliver_WhenOneNotifierHangs()
    {
        // Arrange
        var hanging = new HangingNotifier();
        var recording = new RecordingNotifier();
        using var dispatcher = new NotificationDispatcher([hanging, recording], Notifications.Options(), _time);
        await dispatcher.StartAsync(CancellationToken.None);

        // Act: Publish is synchronous (void), so reaching the next line proves the caller was not held
        dispatcher.Publish(Notifications.LimitHit("first"));
        await hanging.Calls.ReadAsync().Within();   // the hanging notifier is now stuck on "first"
        dispatcher.Publish(Notifications.LimitHit("second"));
        dispatcher.Publish(Notifications.LimitHit("third"));

        // Assert
        Assert.Equal("first", (await recording.Received.ReadAsync().Within()).Title);
        Assert.Equal("second", (await recording.Received.ReadAsync().Within()).Title);
        Assert.Equal("third", (await recording.Received.ReadAsync().Within()).Title);
        Assert.False(hanging.Calls.TryRead(out _));
        await dispatcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task HangingAttempt_IsAbandonedAtTheAttemptTimeout_SoItsOwnQueueMovesOn()
    {
        // Arrange
        var hangsOnce = new HangingNotifier(hangs: 1);
        using var dispatcher = new NotificationDispatcher([hangsOnce], Notifications.Options(o =>
        {
            o.MaxAttempts = 1;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
        }), _time);
        await dispatcher.StartAsync(CancellationToken.None);
        dispatcher.Publish(Notifications.LimitHit("stuck"));
        dispatcher.Publish(Notifications.LimitHit("next"));
        await hangsOnce.Calls.ReadAsync().Within();   // the timeout timer starts before the attempt

        // Act
        _time.Advance(TimeSpan.FromSeconds(5));

        // Assert
        Assert.Equal("next", (await hangsOnce.Completed.ReadAsync().Within()).Title);
        Assert.Equal(1, dispatcher.Failed);
        await dispatcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FullQueue_DropsTheOldestAndCountsIt_InsteadOfBlockingTheCaller()
    {
        // Arrange: not started yet, so nothing drains the queue
        var recording = new RecordingNotifier();
        using var dispatcher = new NotificationDispatcher([recording], Notifications.Options(o => o.QueueCapacity = 2), _time);

        // Act
        for (var i = 1; i <= 5; i++)
            dispatcher.Publish(Notifications.LimitHit($"n{i}"));
        await dispatcher.StartAsync(CancellationToken.None);

        // Assert
        Assert.Equal(3, dispatcher.Dropped);
        Assert.Equal("n4", (await recording.Received.ReadAsync().Within()).Title);
        Assert.Equal("n5", (await recording.Received.ReadAsync().Within()).Title);
        await dispatcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NotificationsBelowMinimumSeverityOrOfADisabledKind_AreNotDelivered()
    {
        // Arrange
        var recording = new RecordingNotifier();
        using var dispatcher = new NotificationDispatcher([recording], Notifications.Options(o =>
        {
            o.MinimumSeverity = NotificationSeverity.Warning;
            o.Kinds[NotificationKind.DailySummary] = false;
        }), _time);
        await dispatcher.StartAsync(CancellationToken.None);

        // Act
        dispatcher.Publish(NotificationKind.FeedStale, NotificationSeverity.Info, "too quiet", "info only");
        dispatcher.Publish(NotificationKind.DailySummary, NotificationSeverity.Warning, "disabled kind", "summary");
        dispatcher.Publish(NotificationKind.OrderRejected, NotificationSeverity.Error, "rejected", "IB said no");

        // Assert: the queue is first in, first out, so the first delivery shows the others were filtered
        var delivered = await recording.Received.ReadAsync().Within();
        Assert.Equal("rejected", delivered.Title);
        Assert.Equal(Notifications.At, delivered.At);   // stamped from the injected clock
        await dispatcher.StopAsync(CancellationToken.None);
    }
}
