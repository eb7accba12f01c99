using System.Net;
using System.Text.Json;
using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Notifications;

public class WebhookNotifierTests
{
    const string Url = "https://hooks.example.test/notify";

    static async Task<CapturedRequest> SendAsync(WebhookFormat format, Notification n)
    {
        var handler = new FakeHttpHandler();
        var notifier = new WebhookNotifier(new FakeHttpClientFactory(handler), Notifications.Options(o => o.Webhook = new() { Url = Url, Format = format }));

        await notifier.NotifyAsync(n, CancellationToken.None);

        return Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task JsonFormat_PostsTheWholeNotification()
    {
        var request = await SendAsync(WebhookFormat.Json, Notifications.LimitHit());

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(Url), request.Uri);
        Assert.Equal("application/json", request.MediaType);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("LimitHit", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Warning", json.RootElement.GetProperty("severity").GetString());
        Assert.Equal("Daily loss limit", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("MNQ scalper stopped at -500", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(Notifications.At, json.RootElement.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task SlackFormat_PostsText_WithSlackControlCharactersEscaped()
    {
        var n = Notifications.LimitHit() with { Message = "loss <500> & counting" };

        var request = await SendAsync(WebhookFormat.Slack, n);

        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("*[Warning] Daily loss limit*\nloss &lt;500&gt; &amp; counting", json.RootElement.GetProperty("text").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task DiscordFormat_PostsContent_CutToDiscordsLimit()
    {
        var n = Notifications.LimitHit() with { Message = new string('x', 3000) };

        var request = await SendAsync(WebhookFormat.Discord, n);

        using var json = JsonDocument.Parse(request.Body);
        var content = json.RootElement.GetProperty("content").GetString()!;
        Assert.StartsWith("**[Warning] Daily loss limit**\nxxx", content, StringComparison.Ordinal);
        Assert.Equal(2000, content.Length);
    }

    [Fact]
    public async Task NtfyFormat_PostsPlainText_WithTitlePriorityAndTagsHeaders()
    {
        var request = await SendAsync(WebhookFormat.Ntfy, Notifications.LimitHit());

        Assert.Equal("text/plain", request.MediaType);
        Assert.Equal("MNQ scalper stopped at -500", request.Body);
        Assert.Equal("Daily loss limit", request.Headers["Title"]);
        Assert.Equal("4", request.Headers["Priority"]);
        Assert.Equal("LimitHit", request.Headers["Tags"]);
    }

    [Fact]
    public async Task NtfyFormat_EncodesANonAsciiTitle_AsRfc2047()
    {
        var request = await SendAsync(WebhookFormat.Ntfy, Notifications.LimitHit("Limite journalière"));

        Assert.Equal("=?UTF-8?B?TGltaXRlIGpvdXJuYWxpw6hyZQ==?=", request.Headers["Title"]);
    }

    [Fact]
    public async Task FailingWebhook_IsRetriedWithExponentialBackoff_ThenGivenUpAfterMaxAttempts()
    {
        // Arrange: always 503, three attempts, 10 s base delay
        var handler = new FakeHttpHandler(HttpStatusCode.ServiceUnavailable);
        var options = Notifications.Options(o =>
        {
            o.Webhook = new() { Url = Url };
            o.MaxAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromSeconds(10);
            o.AttemptTimeout = TimeSpan.FromMinutes(1);
        });
        var fake = new FakeTimeProvider(Notifications.At);
        var time = new TimerWatchingTimeProvider(fake);
        var lane = new NotifierLane(new WebhookNotifier(new FakeHttpClientFactory(handler), options), options.Value, time, NullLogger.Instance);

        // Act
        var delivery = lane.DeliverAsync(Notifications.LimitHit(), CancellationToken.None);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(10));   // first retry delay
        Assert.Single(handler.Requests);
        fake.Advance(TimeSpan.FromSeconds(10));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(20));   // doubled
        Assert.Equal(2, handler.Requests.Count);
        fake.Advance(TimeSpan.FromSeconds(20));

        // Assert
        Assert.False(await delivery.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(1, lane.Failed);
    }

    [Fact]
    public async Task WebhookAnswering4xx_IsNotRetried()
    {
        var handler = new FakeHttpHandler(HttpStatusCode.BadRequest);
        var options = Notifications.Options(o => { o.Webhook = new() { Url = Url }; o.MaxAttempts = 5; });
        var lane = new NotifierLane(new WebhookNotifier(new FakeHttpClientFactory(handler), options), options.Value, new FakeTimeProvider(), NullLogger.Instance);

        var delivered = await lane.DeliverAsync(Notifications.LimitHit(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(delivered);
        Assert.Single(handler.Requests);
    }
}
