using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BlazorTrader.Tests.Engine.Notifications;

public class NotificationRegistrationTests
{
    static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddNotifications(configuration).BuildServiceProvider();
    }

    [Fact]
    public void WithoutConfiguration_OnlyTheInAppNotifierIsEnabled()
    {
        using var services = Build([]);

        Assert.IsType<InAppNotifier>(Assert.Single(services.GetServices<INotifier>()));
        Assert.Same(services.GetRequiredService<NotificationDispatcher>(), Assert.Single(services.GetServices<IHostedService>()));
    }

    [Fact]
    public void ConfiguredWebhookAndEmail_AreEnabled_AndBindTheirSettings()
    {
        using var services = Build(new()
        {
            ["Notifications:Webhook:Url"] = "https://ntfy.sh/my-topic",
            ["Notifications:Webhook:Format"] = "Ntfy",
            ["Notifications:Email:Host"] = "smtp.example.test",
            ["Notifications:Email:From"] = "trader@example.test",
            ["Notifications:Email:To"] = "me@example.test",
            ["Notifications:Kinds:DailySummary"] = "false",
        });

        Assert.Equal([typeof(InAppNotifier), typeof(WebhookNotifier), typeof(EmailNotifier)], services.GetServices<INotifier>().Select(n => n.GetType()));
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value;
        Assert.Equal(WebhookFormat.Ntfy, options.Webhook.Format);
        Assert.False(options.IsDelivered(new Notification(NotificationKind.DailySummary, NotificationSeverity.Critical, "t", "m", default)));
    }
}
