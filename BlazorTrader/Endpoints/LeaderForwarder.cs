using System.Net.Http.Headers;
using BlazorTrader.Engine.Cluster;

namespace BlazorTrader.Endpoints;

/// <summary>On a follower instance, hands a webhook to the leading instance's engine and relays its answer.</summary>
public sealed class LeaderForwarder(IHttpClientFactory clients, LeaderDirectory leaders, EngineLeadership leadership)
{
    public const string ClientName = "engine-leader";

    /// <summary>Null when this instance is not a follower or the leader's address is unknown.</summary>
    public async Task<IResult?> TryForwardAsync(string token, string body, string? contentType, CancellationToken ct)
    {
        if (leadership.Role != EngineRole.Follower || await leaders.OtherLeaderUrlAsync(ct) is not { } leaderUrl) return null;
        using var content = new StringContent(body);
        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)) content.Headers.ContentType = media;
        try
        {
            using var response = await clients.CreateClient(ClientName).PostAsync($"{leaderUrl.TrimEnd('/')}/webhook/{Uri.EscapeDataString(token)}", content, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            return new RelayedResult((int)response.StatusCode, answer, response.Content.Headers.ContentType?.ToString(), retryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return null;   // the leader is unreachable: the caller answers 503 and TradingView retries
        }
    }

    private sealed class RelayedResult(int status, string body, string? contentType, TimeSpan? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            if (retryAfter is { } wait) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (contentType is not null) context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        }
    }
}
