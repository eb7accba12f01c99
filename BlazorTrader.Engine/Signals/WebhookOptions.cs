using System.ComponentModel.DataAnnotations;

namespace BlazorTrader.Engine.Signals;

/// <summary>Configuration section <c>Webhooks</c> (docs/api.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    [Range(1, 10_000_000)] public int RateLimitPerMinute { get; set; } = 60;
    [Range(0, 86_400)] public int DuplicateWindowSeconds { get; set; } = 60;
    public string[] AllowedSources { get; set; } = [];
    [Range(1, 1_000_000)] public int MaxBodyBytes { get; set; } = 16 * 1024;
    /// <summary>How long a webhook waits for the engine before answering 503 (TradingView gives up at 3 s).</summary>
    [Range(100, 30_000)] public int EngineTimeoutMs { get; set; } = 2500;

    /// <summary>A body not fully received within this is answered 408 (a stalled or truncated sender never ties up a request).</summary>
    [Range(1, 60)] public int BodyReadTimeoutSeconds { get; set; } = 4;

    public TimeSpan DuplicateWindow => TimeSpan.FromSeconds(DuplicateWindowSeconds);
}
