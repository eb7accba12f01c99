using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Posts each notification to one URL (ntfy, Slack, Discord or plain JSON).</summary>
public sealed class WebhookNotifier(IHttpClientFactory httpClients, IOptions<NotificationOptions> options) : INotifier
{
    /// <summary>Name of the <see cref="HttpClient"/> this notifier asks the factory for.</summary>
    public const string HttpClientName = "Notifications.Webhook";

    public async ValueTask NotifyAsync(Notification n, CancellationToken ct)
    {
        using var request = WebhookRequest.Create(n, options.Value.Webhook);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();   // the status code on the exception lets the dispatcher skip retrying a 4xx
    }
}
