using BlazorTrader.Engine.Events;
using Microsoft.Extensions.Hosting;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Every in-app notification also goes to the engine's live log, so the Control Center's log shows it, once.</summary>
internal sealed class NotificationLogBridge(InAppNotifier notifications, EngineEventHub events) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifications.Subscribe(n =>
        {
            if (AlreadyLogged(n)) return;
            events.Publish(new LogEntry(n.At, n.Severity switch
            {
                NotificationSeverity.Info => EngineLogLevel.Info,
                NotificationSeverity.Warning => EngineLogLevel.Warning,
                _ => EngineLogLevel.Error,
            }, $"{n.Title}: {n.Message}"));
        });
        return Task.CompletedTask;
    }

    /// <summary>How far apart a handler's own log line and its notification may be and still be one event.</summary>
    internal static readonly TimeSpan SameEventWindow = TimeSpan.FromSeconds(5);

    // Handlers that log an event themselves and also notify it (kill switch, a blocked entry) would show it twice in the live log:
    // the notification only adds a line for what nobody logged.
    private bool AlreadyLogged(Notification n)
    {
        var recent = events.RecentLog;
        for (var i = recent.Count - 1; i >= 0 && i >= recent.Count - 50; i--)
        {
            var entry = recent[i];
            if ((n.At - entry.At).Duration() > SameEventWindow) continue;
            if (entry.Message == n.Message || entry.Message == $"{n.Title}: {n.Message}") return true;
        }
        return false;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
