using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>
/// Tradovate's REST API for one session. Every answer is checked for what Tradovate sends as HTTP 200 (p-ticket penalties,
/// <c>errorText</c>); a penalty is waited out and the same body sent again with its <c>p-ticket</c> (the request was not
/// processed); 429/423 pause every call of the session. Only reads are retried on transport errors: a placement is never
/// re-sent, a timeout makes it unknown.
/// </summary>
internal sealed class TradovateRestClient
{
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly TradovateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ResiliencePipeline _reads;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public TradovateRestClient(HttpClient http, Uri baseUrl, TradovateOptions options, TimeProvider time, ILogger log)
    {
        _http = http;
        _base = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        _options = options;
        _time = time;
        _log = log;
        _reads = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutException>(),
                MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(200), BackoffType = DelayBackoffType.Exponential, UseJitter = true,
            })
            .Build();
    }

    public Uri BaseUrl => _base;

    /// <summary>Until when calls are refused after a 429/423 or a p-captcha; null when they may go.</summary>
    public DateTimeOffset? PausedUntil => _pausedUntil > _time.GetUtcNow() ? _pausedUntil : null;

    /// <summary>A read: retried on transport errors. Null for 404 (unknown entity, or the wrong environment).</summary>
    public Task<JsonElement?> GetAsync(string pathAndQuery, string? token, CancellationToken ct) =>
        _reads.ExecuteAsync(async t => await SendAsync(HttpMethod.Get, pathAndQuery, null, token, t), ct).AsTask();

    /// <summary>A write: sent once (plus the resend a p-ticket asks for). A timeout throws <see cref="TimeoutException"/>: outcome unknown.</summary>
    public Task<JsonElement?> PostAsync(string path, object? body, string? token, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonSerializer.SerializeToNode(body, TradovateJson.Options)?.AsObject(), token, ct);

    /// <summary>A form post (the OAuth code exchange as the official example sends it).</summary>
    public Task<JsonElement?> PostFormAsync(string path, IReadOnlyDictionary<string, string> form, CancellationToken ct) =>
        SendCoreAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = new FormUrlEncodedContent(form) }, ct);

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, JsonObject? body, string? token, CancellationToken ct)
    {
        while (true)
        {
            var answer = await SendCoreAsync(() =>
            {
                var request = new HttpRequestMessage(method, new Uri(_base, path.TrimStart('/')));
                if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (body is not null) request.Content = new StringContent(body.ToJsonString(TradovateJson.Options), Encoding.UTF8, "application/json");
                return request;
            }, ct);
            if (answer is not { ValueKind: JsonValueKind.Object } json || json.Text("p-ticket") is not { } ticket) return answer;
            var seconds = json.TryGetProperty("p-time", out var p) && p.TryGetInt32(out var s) ? s : 1;
            if (json.TryGetProperty("p-captcha", out var captcha) && captcha.ValueKind == JsonValueKind.True)
            {
                // A third-party app cannot answer a captcha: stop and wait, as Tradovate asks (about an hour).
                _pausedUntil = _time.GetUtcNow().AddSeconds(Math.Max(seconds, _options.RateLimitPauseSeconds));
                throw new TradovateRateLimitedException($"Tradovate asked for a captcha (too many attempts); paused until {_pausedUntil:HH:mm} UTC", _pausedUntil);
            }
            _log.LogInformation("Tradovate penalty ticket on {Path}: waiting {Seconds} s, then the same request with its ticket", path, seconds);
            await _time.DelayAsync(TimeSpan.FromSeconds(seconds), ct);
            body = body is null ? new JsonObject() : (JsonObject)body.DeepClone();
            body["p-ticket"] = ticket;
        }
    }

    private async Task<JsonElement?> SendCoreAsync(Func<HttpRequestMessage> create, CancellationToken ct)
    {
        if (PausedUntil is { } until)
            throw new TradovateRateLimitedException($"Tradovate rate limit: nothing is sent until {until:HH:mm:ss} UTC", until);
        using var request = create();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Tradovate did not answer {request.RequestUri!.AbsolutePath} within {_options.RequestTimeoutSeconds} s");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            switch (response.StatusCode)
            {
                case HttpStatusCode.TooManyRequests or HttpStatusCode.Locked:
                    _pausedUntil = _time.GetUtcNow().AddSeconds(_options.RateLimitPauseSeconds);
                    throw new TradovateRateLimitedException($"Tradovate answered {(int)response.StatusCode} (rate limit); paused until {_pausedUntil:HH:mm} UTC", _pausedUntil);
                case HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest when request.Headers.Authorization is not null:
                    throw new TradovateAuthException($"Tradovate refused the token ({(int)response.StatusCode}): {Short(text)}");
                case HttpStatusCode.NotFound:
                    return null;
            }
            if (!response.IsSuccessStatusCode) throw new TradovateException($"Tradovate answered {(int)response.StatusCode}: {Short(text)}");
            if (text.Length == 0 || text == "null") return null;
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static string Short(string text) => text.Length > 200 ? text[..200] : text;
}
