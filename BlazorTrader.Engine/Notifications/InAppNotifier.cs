using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Notifications;

/// <summary>
/// Keeps the most recent notifications for the UI (snackbar, notification log) and tells subscribers
/// about each new one. Subscribers run on the dispatcher's thread: they must only copy the value and return.
/// </summary>
public sealed class InAppNotifier : INotifier
{
    readonly Lock _gate = new();
    readonly Queue<Notification> _recent = new();
    readonly int _capacity;
    readonly ILogger _log;
    ImmutableArray<Subscription> _subscribers = [];

    public InAppNotifier(IOptions<NotificationOptions> options, ILogger<InAppNotifier>? log = null)
    {
        _capacity = options.Value.InAppCapacity;
        _log = log ?? NullLogger<InAppNotifier>.Instance;
    }

    /// <summary>The last notifications, oldest first.</summary>
    public IReadOnlyList<Notification> Recent
    {
        get
        {
            lock (_gate)
                return [.. _recent];
        }
    }

    /// <summary>Calls <paramref name="onNotification"/> for every later notification until the result is disposed.</summary>
    public IDisposable Subscribe(Action<Notification> onNotification)
    {
        var subscription = new Subscription(this, onNotification);
        ImmutableInterlocked.Update(ref _subscribers, static (all, s) => all.Add(s), subscription);
        return subscription;
    }

    public ValueTask NotifyAsync(Notification n, CancellationToken ct)
    {
        lock (_gate)
        {
            _recent.Enqueue(n);
            while (_recent.Count > _capacity)
                _recent.Dequeue();
        }
        foreach (var subscription in _subscribers)
        {
            try
            {
                subscription.Handler(n);
            }
            catch (Exception ex)
            {
                // One broken circuit must not cost the other subscribers their notification.
                _log.SubscriberFailed(ex);
            }
        }
        return ValueTask.CompletedTask;
    }

    sealed class Subscription(InAppNotifier owner, Action<Notification> handler) : IDisposable
    {
        public Action<Notification> Handler { get; } = handler;

        public void Dispose() => ImmutableInterlocked.Update(ref owner._subscribers, static (all, s) => all.Remove(s), this);
    }
}
