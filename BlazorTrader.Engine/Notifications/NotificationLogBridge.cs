using BlazorTrader.Engine.Events;
using Microsoft.Extensions.Hosting;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Every in-app notification also goes to the engine's live log, so the Control Center's log shows it.</summary>
internal sealed class NotificationLogBridge(InAppNotifier notifications, EngineEventHub events) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifications.Subscribe(n => events.Publish(new LogEntry(n.At, n.Severity switch
        {
            NotificationSeverity.Info => EngineLogLevel.Info,
            NotificationSeverity.Warning => EngineLogLevel.Warning,
            _ => EngineLogLevel.Error,
        }, $"{n.Title}: {n.Message}")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
