using System.Buffers;
using System.Globalization;
using System.Text;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;
using BlazorTrader.Hosting;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Endpoints;

/// <summary>POST /webhook/{token} (docs/api.md): parse, validate, send one command, answer fast. No trading logic here.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhook/{token}", ReceiveAsync).WithName("ReceiveWebhook").RequireRateLimiting(RateLimitingExtensions.WebhookPolicy)
            .RequireAllowedSource()
            .DisableAntiforgery();
        return app;
    }

    public sealed record WebhookReply(string Status, long? SignalId, IReadOnlyList<long> IntentIds, object? Position, string? Reason);

    private static async Task<IResult> ReceiveAsync(string token, HttpRequest request, RecorderDirectory directory,
        WebhookPayloadParser parser, ITradingEngine engine, LeaderForwarder forwarder, IOptionsMonitor<WebhookOptions> monitor, TimeProvider time,
        CancellationToken ct)
    {
        var receivedAt = time.GetUtcNow();
        // The monitor's value is bound once per configuration change; a snapshot would bind and validate the section on
        // every request (over a third of a webhook's HTTP time in a profile, bench/README.md).
        var options = monitor.CurrentValue;
        // Unknown token: 404 with no detail, whatever the body is. (A follower knows no recorders: its leader decides.)
        var tokenHash = WebhookToken.Hash(token);
        if (token.Length > WebhookToken.MaxLength || (engine.IsReady && !directory.TryFind(tokenHash, out _)))
            return Results.NotFound();

        if (!IsAcceptedContentType(request.ContentType))
            return Results.Problem(statusCode: 415, title: "Unsupported body",
                detail: $"Content-Type '{request.ContentType}' is not accepted; send the alert message as text/plain or application/json.");

        var max = options.MaxBodyBytes;
        Body body;
        using (var read = new CancellationTokenSource(TimeSpan.FromSeconds(options.BodyReadTimeoutSeconds), time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, read.Token))
        {
            try
            {
                body = await ReadBodyAsync(request, max, linked.Token);
            }
            catch (OperationCanceledException) when (read.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return Results.Problem(statusCode: 408, title: "Body too slow",
                    detail: $"The body did not arrive within {options.BodyReadTimeoutSeconds} s (Webhooks:BodyReadTimeoutSeconds).");
            }
            catch (BadHttpRequestException ex)
            {
                // Kestrel: the connection ended before Content-Length bytes, or the body arrived below the minimum data rate.
                return Results.Problem(statusCode: ex.StatusCode, title: "Incomplete body", detail: "The body ended early or arrived too slowly; resend it whole.");
            }
        }
        if (body.TooLarge)
            return Results.Problem(statusCode: 413, title: "Payload too large", detail: $"The body is larger than {max} bytes.");
        if (body.Text is null)
            return Results.Problem(statusCode: 400, title: "Invalid payload", detail: "The body is not valid UTF-8 text.");

        if (!engine.IsReady)
        {
            // A follower instance hands the webhook to the leader's engine; otherwise the engine is (re)starting.
            return await forwarder.TryForwardAsync(token, body.Text, request.ContentType, ct) ?? Unavailable("The engine is starting", 5);
        }

        var (signal, error) = parser.Parse(body.Text);
        if (error is not null) return Invalid(error.Field, error.Message);
        try
        {
            var outcome = await engine.SendAsync(new ApplySignal(tokenHash, signal!, body.Text, receivedAt),
                TimeSpan.FromMilliseconds(options.EngineTimeoutMs), ct);
            return ToResult(outcome);
        }
        catch (TimeoutException)
        {
            return Unavailable("The engine did not answer in time; the signal may still be applied, and a resend is answered as a duplicate", 1);
        }
        catch (Exception ex) when (ex is LeadershipLostException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // This instance stopped leading while applying it: nothing was committed; a resend reaches the new leader.
            return Unavailable("The engine stepped down (another instance leads now); resend the alert", 1);
        }
    }

    private static IResult ToResult(SignalOutcome outcome) => outcome.Status switch
    {
        SignalOutcomeStatus.Accepted => Reply("accepted", outcome),
        SignalOutcomeStatus.Duplicate => Reply("duplicate", outcome),
        SignalOutcomeStatus.Ignored => Reply("ignored", outcome),
        SignalOutcomeStatus.Rejected => Invalid(outcome.Field ?? "body", outcome.Reason ?? "rejected"),
        _ => Results.NotFound(),
    };

    private static IResult Reply(string status, SignalOutcome outcome) => Results.Ok(new WebhookReply(status, outcome.SignalId,
        outcome.IntentIds ?? [], outcome.Position is { } p ? ApiContracts.ToPosition(p) : null, outcome.Reason));

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "Invalid payload");

    private static IResult Unavailable(string detail, int retryAfterSeconds) => new RetryAfterResult(
        Results.Problem(statusCode: 503, title: "Engine not ready", detail: detail), retryAfterSeconds);

    /// <summary>
    /// The body is parsed as JSON whatever the header says (TradingView sends text/plain, curl sends
    /// form-urlencoded); only bodies that cannot be a JSON text are refused.
    /// </summary>
    private static bool IsAcceptedContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return true;
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        string[] refused = ["multipart/", "image/", "audio/", "video/", "font/", "application/octet-stream", "application/zip", "application/pdf", "application/gzip"];
        return !refused.Any(r => media.StartsWith(r, StringComparison.Ordinal));
    }

    private readonly record struct Body(string? Text, bool TooLarge);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static async Task<Body> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max) return new(null, true);
        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);   // one limit-sized buffer per request would be most of its garbage
        try
        {
            var total = 0;
            int read;
            while (total <= max && (read = await request.Body.ReadAsync(buffer.AsMemory(total, max + 1 - total), ct)) > 0) total += read;
            if (total > max) return new(null, true);
            return new(StrictUtf8.GetString(buffer, 0, total), false);
        }
        catch (DecoderFallbackException)
        {
            return new(null, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
