namespace BlazorTrader.Engine.Notifications;

/// <summary>Section <c>Notifications:Email</c>; the email notifier is enabled when host, from and to are set.</summary>
public sealed class EmailNotifierOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>True: TLS from the first byte (usually port 465). False: STARTTLS, required whenever a user is set.</summary>
    public bool UseSsl { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }

    /// <summary>One or more addresses, comma separated.</summary>
    public string? To { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From) && !string.IsNullOrWhiteSpace(To);
}
