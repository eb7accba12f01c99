using System.ComponentModel.DataAnnotations;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Configuration section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Notifications below this severity are not delivered anywhere.</summary>
    public NotificationSeverity MinimumSeverity { get; set; } = NotificationSeverity.Info;

    /// <summary>Every kind is delivered unless set to false here.</summary>
    public Dictionary<NotificationKind, bool> Kinds { get; set; } = [];

    /// <summary>How many recent notifications the in-app notifier keeps for the UI.</summary>
    [Range(1, 10_000)]
    public int InAppCapacity { get; set; } = 100;

    /// <summary>Notifications waiting per notifier; when full the oldest is dropped (and counted).</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Attempts per notification and notifier, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry; doubles on each further retry.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>An attempt running longer is cancelled and counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public WebhookNotifierOptions Webhook { get; set; } = new();

    public EmailNotifierOptions Email { get; set; } = new();

    public bool IsDelivered(Notification n) =>
        n.Severity >= MinimumSeverity && (!Kinds.TryGetValue(n.Kind, out var enabled) || enabled);
}
