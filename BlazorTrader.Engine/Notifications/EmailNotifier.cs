using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Sends each notification as a plain-text email over SMTP (MailKit).</summary>
public sealed class EmailNotifier(IOptions<NotificationOptions> options) : INotifier
{
    public async ValueTask NotifyAsync(Notification n, CancellationToken ct)
    {
        var email = options.Value.Email;
        using var message = BuildMessage(n, email);
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Required(email.Host, "Host"), email.Port, SocketSecurity(email), ct);
        if (!string.IsNullOrEmpty(email.User))
            await smtp.AuthenticateAsync(email.User, email.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    internal static MimeMessage BuildMessage(Notification n, EmailNotifierOptions email)
    {
        var message = new MimeMessage
        {
            Subject = $"[BlazorTrader] {n.Severity}: {n.Title}",
            Date = n.At,
            Body = new TextPart("plain")
            {
                Text = $"{n.Message}\n\nKind: {n.Kind}\nSeverity: {n.Severity}\nAt: {n.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC\n",
            },
        };
        message.From.Add(MailboxAddress.Parse(Required(email.From, "From")));
        message.To.AddRange(InternetAddressList.Parse(Required(email.To, "To")));
        return message;
    }

    static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"Notifications:Email:{key} is not set.") : value;

    // Never send a password over a connection that a man in the middle could keep unencrypted.
    static SecureSocketOptions SocketSecurity(EmailNotifierOptions email) =>
        email.UseSsl ? SecureSocketOptions.SslOnConnect
        : string.IsNullOrEmpty(email.User) ? SecureSocketOptions.StartTlsWhenAvailable
        : SecureSocketOptions.StartTls;
}
