using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Notifications;

/// <summary>
/// The one entry point for raising notifications. <see cref="Publish(Notification)"/> never waits and never
/// throws; a background loop per notifier delivers with retries, so a failing or hanging notifier blocks
/// neither the caller nor the other notifiers.
/// </summary>
public sealed class NotificationDispatcher : BackgroundService
{
    readonly NotificationOptions _options;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly NotifierLane[] _lanes;

    public NotificationDispatcher(IEnumerable<INotifier> notifiers, IOptions<NotificationOptions> options, TimeProvider time,
        ILogger<NotificationDispatcher>? log = null)
    {
        _options = options.Value;
        _time = time;
        _log = log ?? NullLogger<NotificationDispatcher>.Instance;
        _lanes = [.. notifiers.Select(n => new NotifierLane(n, _options, time, _log))];
    }

    /// <summary>Queues <paramref name="n"/> for every notifier, unless filtered out by severity or kind.</summary>
    public void Publish(Notification n)
    {
        if (!_options.IsDelivered(n))
            return;
        foreach (var lane in _lanes)
            lane.Enqueue(n);
    }

    /// <summary>Queues a notification stamped with the current time.</summary>
    public void Publish(NotificationKind kind, NotificationSeverity severity, string title, string message) =>
        Publish(new Notification(kind, severity, title, message, _time.GetUtcNow()));

    /// <summary>Notifications dropped because a notifier's queue was full, over all notifiers.</summary>
    public long Dropped => _lanes.Sum(l => l.Dropped);

    /// <summary>Successful deliveries, counted per notifier.</summary>
    public long Delivered => _lanes.Sum(l => l.Delivered);

    /// <summary>Deliveries given up after all attempts, counted per notifier.</summary>
    public long Failed => _lanes.Sum(l => l.Failed);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _log.NotifiersEnabled(string.Join(", ", _lanes.Select(l => l.Name)));
        return Task.WhenAll(_lanes.Select(l => l.RunAsync(stoppingToken)));
    }
}
