using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Log messages of the Notifications area (event ids 9000-9099).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(9001, LogLevel.Warning, "Notification {Kind} '{Title}' not delivered by {Notifier} after all attempts")]
    public static partial void DeliveryFailed(this ILogger logger, Exception exception, string notifier, NotificationKind kind, string title);

    [LoggerMessage(9002, LogLevel.Information, "Notification delivery by {Notifier} failed, retry {Retry} in {Delay}")]
    public static partial void DeliveryRetrying(this ILogger logger, Exception? exception, string notifier, int retry, TimeSpan delay);

    [LoggerMessage(9003, LogLevel.Warning, "An in-app notification subscriber threw")]
    public static partial void SubscriberFailed(this ILogger logger, Exception exception);

    [LoggerMessage(9004, LogLevel.Information, "Notifications go to {Notifiers}")]
    public static partial void NotifiersEnabled(this ILogger logger, string notifiers);
}
