using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Builds the webhook POST for each <see cref="WebhookFormat"/>.</summary>
internal static class WebhookRequest
{
    const int DiscordContentLimit = 2000;   // Discord rejects longer content with 400

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static HttpRequestMessage Create(Notification n, WebhookNotifierOptions options)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, options.Url);
        switch (options.Format)
        {
            case WebhookFormat.Json:
                request.Content = JsonBody(n);
                break;
            case WebhookFormat.Slack:
                request.Content = JsonBody(new SlackBody($"*{SlackEscape(Heading(n))}*\n{SlackEscape(n.Message)}"));
                break;
            case WebhookFormat.Discord:
                request.Content = JsonBody(new DiscordBody(Truncate($"**{Heading(n)}**\n{n.Message}", DiscordContentLimit)));
                break;
            case WebhookFormat.Ntfy:
                request.Content = new StringContent(n.Message, Encoding.UTF8, MediaTypeNames.Text.Plain);
                request.Headers.TryAddWithoutValidation("Title", HeaderValue(n.Title));
                request.Headers.TryAddWithoutValidation("Priority", NtfyPriority(n.Severity));
                request.Headers.TryAddWithoutValidation("Tags", n.Kind.ToString());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Format, "Unknown webhook format.");
        }
        return request;
    }

    static StringContent JsonBody<T>(T body) =>
        new(JsonSerializer.Serialize(body, Json), new MediaTypeHeaderValue(MediaTypeNames.Application.Json) { CharSet = "utf-8" });

    static string Heading(Notification n) => $"[{n.Severity}] {n.Title}";

    static string SlackEscape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    // ntfy: 3 = default, 4 = high, 5 = urgent (bypasses do-not-disturb on phones).
    static string NtfyPriority(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Info => "3",
        NotificationSeverity.Warning => "4",
        _ => "5",
    };

    // Header values must be one ASCII line; ntfy decodes RFC 2047 for anything else.
    static string HeaderValue(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return Ascii.IsValid(line) && !line.Any(char.IsControl)
            ? line
            : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(line))}?=";
    }

    sealed record SlackBody(string Text);

    sealed record DiscordBody(string Content);
}
