namespace BlazorTrader.Engine.Notifications;

/// <summary>Section <c>Notifications:Webhook</c>; the webhook notifier is enabled when <see cref="Url"/> is set.</summary>
public sealed class WebhookNotifierOptions
{
    /// <summary>Target, e.g. <c>https://ntfy.sh/my-topic</c> or a Slack/Discord webhook URL. Secret: it authorises posting.</summary>
    public string? Url { get; set; }

    public WebhookFormat Format { get; set; } = WebhookFormat.Json;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}
