using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorTrader.Engine.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NotificationDispatcher"/> (singleton and hosted service), the in-app notifier, and the
    /// webhook and email notifiers when <c>Notifications:Webhook:Url</c> / <c>Notifications:Email:Host</c> are configured.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NotificationOptions.Section);
        services.AddOptions<NotificationOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .Validate(o => o.RetryBaseDelay >= TimeSpan.Zero && o.AttemptTimeout >= TimeSpan.FromMilliseconds(10),
                "Notifications: RetryBaseDelay must not be negative and AttemptTimeout must be at least 10 ms.")
            .Validate(o => !o.Webhook.IsEnabled || Uri.TryCreate(o.Webhook.Url, UriKind.Absolute, out _),
                "Notifications:Webhook:Url must be an absolute URL.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<InAppNotifier>();
        services.AddSingleton<INotifier>(sp => sp.GetRequiredService<InAppNotifier>());

        // Read once at start: which channels exist is decided by configuration, not at run time.
        var configured = section.Get<NotificationOptions>() ?? new NotificationOptions();
        if (configured.Webhook.IsEnabled)
        {
            services.AddHttpClient(WebhookNotifier.HttpClientName);
            services.AddSingleton<INotifier, WebhookNotifier>();
        }
        if (configured.Email.IsEnabled)
            services.AddSingleton<INotifier, EmailNotifier>();

        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        return services;
    }
}
