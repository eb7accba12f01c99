namespace BlazorTrader.Engine.Notifications;

/// <summary>
/// One delivery channel. Called only by <see cref="NotificationDispatcher"/>, which retries a throwing call
/// and cancels <paramref name="ct"/> when an attempt takes too long.
/// </summary>
public interface INotifier
{
    ValueTask NotifyAsync(Notification n, CancellationToken ct);
}
