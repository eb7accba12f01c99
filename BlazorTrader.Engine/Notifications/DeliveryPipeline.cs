using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace BlazorTrader.Engine.Notifications;

/// <summary>Retry with exponential backoff around a per-attempt timeout, on the injected clock.</summary>
internal static class DeliveryPipeline
{
    public static ResiliencePipeline Create(NotificationOptions options, TimeProvider time, ILogger log, string notifier)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,   // one sender per target: nothing to spread out
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsWorthRetrying),
                OnRetry = args =>
                {
                    log.DeliveryRetrying(args.Outcome.Exception, notifier, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>False for failures that the same request will meet again: a 4xx answer, bad credentials, a rejected address.</summary>
    internal static bool IsWorthRetrying(Exception ex) => ex switch
    {
        OperationCanceledException => false,   // shutting down; a timed-out attempt arrives as TimeoutRejectedException
        TimeoutRejectedException => true,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        AuthenticationException => false,
        SmtpCommandException smtp => (int)smtp.StatusCode < 500,
        FormatException or ArgumentException or InvalidOperationException => false,   // bad configuration
        _ => true,
    };
}
