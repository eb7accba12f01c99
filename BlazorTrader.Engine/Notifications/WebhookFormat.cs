namespace BlazorTrader.Engine.Notifications;

/// <summary>Body shape of the webhook POST.</summary>
public enum WebhookFormat
{
    /// <summary>The notification as JSON: kind, severity, title, message, at.</summary>
    Json,

    /// <summary>Slack incoming webhook: <c>{"text": ...}</c>.</summary>
    Slack,

    /// <summary>Discord webhook: <c>{"content": ...}</c>.</summary>
    Discord,

    /// <summary>ntfy: the message as plain text, with Title, Priority and Tags headers.</summary>
    Ntfy,
}
