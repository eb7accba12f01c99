using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Hosting.Security;

/// <summary>
/// Webhook URLs carry their secret token (<c>/webhook/{token}</c>), and ASP.NET's request logging, HttpClient's
/// (the leader forwarder) and any exception message may print the path. Every logger provider is wrapped so that
/// each message and each structured value reads <c>/webhook/***</c> instead: no token reaches any log sink.
/// </summary>
public static partial class TokenRedactingLogging
{
    public const string Redacted = "/webhook/***";

    public static string Redact(string text) => text.Contains("/webhook/", StringComparison.OrdinalIgnoreCase) ? WebhookPath().Replace(text, Redacted) : text;

    /// <summary>Replaces the logger factory with one whose providers redact; call after logging is configured (providers added later are wrapped too).</summary>
    public static IServiceCollection AddTokenRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => new RedactingProvider(p)),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return services;
    }

    [GeneratedRegex("/webhook/[^/?#\\s\"']+", RegexOptions.IgnoreCase)]
    private static partial Regex WebhookPath();

    private sealed class RedactingProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            var message = Redact(formatter(state, exception));
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string s ? Redact(s) : p.Value is Uri or PathString ? Redact(p.Value.ToString()!) : p.Value)).ToList()
                : [];
            var redactedException = exception is not null && Redact(exception.Message) != exception.Message ? new RedactedException(exception) : exception;
            inner.Log(logLevel, eventId, new RedactedState(message, values), redactedException, static (s, _) => s.Message);
        }
    }

    /// <summary>The message and structured values after redaction (what structured sinks such as the JSON console read).</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }

    /// <summary>An exception whose message or stack text named a webhook path.</summary>
    private sealed class RedactedException(Exception original)
        : Exception(Redact(original.Message) + " (" + original.GetType().Name + ")")
    {
        public override string? StackTrace => original.StackTrace;
    }
}
