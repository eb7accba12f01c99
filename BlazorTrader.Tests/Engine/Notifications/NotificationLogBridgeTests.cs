using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Tests.Engine.Notifications;

/// <summary>One event, one line in the live log: a notification of something the engine already logged adds nothing.</summary>
public class NotificationLogBridgeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 19, 25, 0, TimeSpan.Zero);

    private static (EngineEventHub Hub, InAppNotifier Notifier) Start()
    {
        var hub = new EngineEventHub();
        var notifier = new InAppNotifier(Options.Create(new NotificationOptions()));
        new NotificationLogBridge(notifier, hub).StartAsync(default).GetAwaiter().GetResult();
        return (hub, notifier);
    }

    [Fact]
    public async Task KillSwitch_LoggedByTheEngine_AndNotified_IsOneLogLine()
    {
        // Arrange: the handler logs the change, then notifies it (delivered a moment later)
        var (hub, notifier) = Start();
        const string message = "Kill switch ON: no new entries (kill switch (control center))";
        hub.Publish(new LogEntry(At, EngineLogLevel.Warning, message));

        // Act
        await notifier.NotifyAsync(new Notification(NotificationKind.Info, NotificationSeverity.Critical, "Kill switch", message, At.AddMilliseconds(40)), default);

        // Assert
        Assert.Single(hub.RecentLog, e => e.Message.Contains("Kill switch ON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotificationNobodyLogged_GetsItsLogLine()
    {
        var (hub, notifier) = Start();
        hub.Publish(new LogEntry(At.AddMinutes(-10), EngineLogLevel.Warning, "Feed stale: MNQ1!"));   // the same text long ago is another event

        await notifier.NotifyAsync(new Notification(NotificationKind.Info, NotificationSeverity.Warning, "Feed stale", "MNQ1!", At), default);

        Assert.Equal(["Feed stale: MNQ1!", "Feed stale: MNQ1!"], hub.RecentLog.Select(e => e.Message));
    }
}
