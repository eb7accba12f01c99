using BlazorTrader.Engine.Notifications;
using MimeKit;

namespace BlazorTrader.Tests.Engine.Notifications;

public class EmailNotifierTests
{
    static readonly EmailNotifierOptions Email = new()
    {
        Host = "smtp.example.test",
        From = "BlazorTrader <trader@example.test>",
        To = "me@example.test, ops@example.test",
    };

    [Fact]
    public void Message_HasSeverityAndTitleInTheSubject_AndEveryConfiguredRecipient()
    {
        using var message = EmailNotifier.BuildMessage(Notifications.LimitHit(), Email);

        Assert.Equal("[BlazorTrader] Warning: Daily loss limit", message.Subject);
        Assert.Equal("trader@example.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(["me@example.test", "ops@example.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(Notifications.At, message.Date);
    }

    [Fact]
    public void MessageBody_IsPlainText_WithTheMessageKindAndUtcTime()
    {
        using var message = EmailNotifier.BuildMessage(Notifications.LimitHit(), Email);

        var body = Assert.IsType<TextPart>(message.Body);
        Assert.True(body.IsPlain);
        Assert.StartsWith("MNQ scalper stopped at -500", body.Text, StringComparison.Ordinal);
        Assert.Contains("Kind: LimitHit", body.Text, StringComparison.Ordinal);
        Assert.Contains("At: 2026-11-23 14:45:00 UTC", body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRecipient_IsReportedAsConfigurationError() =>
        Assert.Throws<InvalidOperationException>(() => EmailNotifier.BuildMessage(Notifications.LimitHit(), new EmailNotifierOptions { From = "a@example.test" }));
}
