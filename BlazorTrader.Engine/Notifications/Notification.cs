namespace BlazorTrader.Engine.Notifications;

/// <summary>A message for a person: in the app, on the phone (webhook) or by email.</summary>
public sealed record Notification(NotificationKind Kind, NotificationSeverity Severity, string Title, string Message, DateTimeOffset At);
