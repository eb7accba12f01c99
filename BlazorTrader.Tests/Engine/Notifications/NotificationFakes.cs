using System.Net;
using System.Threading.Channels;
using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Notifications;

static class Notifications
{
    public static readonly DateTimeOffset At = new(2026, 11, 23, 14, 45, 0, TimeSpan.Zero);

    public static Notification LimitHit(string title = "Daily loss limit") =>
        new(NotificationKind.LimitHit, NotificationSeverity.Warning, title, "MNQ scalper stopped at -500", At);

    public static IOptions<NotificationOptions> Options(Action<NotificationOptions>? configure = null)
    {
        var options = new NotificationOptions();
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    /// <summary>Waits for a condition the code under test signals; the timeout only guards against a hung test.</summary>
    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}

/// <summary>Records what it is given.</summary>
sealed class RecordingNotifier : INotifier
{
    readonly Channel<Notification> _received = Channel.CreateUnbounded<Notification>();

    public ChannelReader<Notification> Received => _received.Reader;

    public ValueTask NotifyAsync(Notification n, CancellationToken ct) => _received.Writer.WriteAsync(n, ct);
}

/// <summary>Hangs on the first <paramref name="hangs"/> calls, ignoring cancellation as a stuck socket would; records the rest.</summary>
sealed class HangingNotifier(int hangs = int.MaxValue) : INotifier
{
    readonly Channel<Notification> _calls = Channel.CreateUnbounded<Notification>();
    readonly Channel<Notification> _completed = Channel.CreateUnbounded<Notification>();
    int _count;

    public ChannelReader<Notification> Calls => _calls.Reader;
    public ChannelReader<Notification> Completed => _completed.Reader;

    public ValueTask NotifyAsync(Notification n, CancellationToken ct)
    {
        _calls.Writer.TryWrite(n);
        if (Interlocked.Increment(ref _count) <= hangs)
            return new ValueTask(new TaskCompletionSource().Task);
        _completed.Writer.TryWrite(n);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Answers every request with one status and keeps a copy of each request.</summary>
sealed class FakeHttpHandler(HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
{
    readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        lock (_requests)
            _requests.Add(new CapturedRequest(request.Method, request.RequestUri, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)),
                request.Content?.Headers.ContentType?.MediaType, body));
        return new HttpResponseMessage(status);
    }
}

sealed record CapturedRequest(HttpMethod Method, Uri? Uri, Dictionary<string, string> Headers, string? MediaType, string Body);

sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}

/// <summary>A <see cref="FakeTimeProvider"/> that also reports each timer it creates, so a test advances time only once a wait has begun.</summary>
sealed class TimerWatchingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ChannelReader<TimeSpan> TimersCreated => _timers.Reader;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer with exactly <paramref name="dueTime"/> exists (others, e.g. attempt timeouts, are skipped).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        while (await TimersCreated.ReadAsync().Within() != dueTime)
        {
        }
    }
}
