namespace BlazorTrader.Engine.Notifications;

/// <summary>Ordered from least to most urgent, so a minimum severity filters with a comparison.</summary>
public enum NotificationSeverity
{
    Info,
    Warning,
    Error,
    Critical,
}
