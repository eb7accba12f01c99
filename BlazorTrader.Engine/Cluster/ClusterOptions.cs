using System.ComponentModel.DataAnnotations;

namespace BlazorTrader.Engine.Cluster;

/// <summary>Configuration section <c>Cluster</c>: several app instances, one engine.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>The URL other instances use to forward webhooks to this one when it leads (default: the first listen URL).</summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>How often a follower tries to take the lead.</summary>
    [Range(50, 60_000)] public int LeaseRetryMs { get; set; } = 2000;

    /// <summary>
    /// How often the leader checks its PostgreSQL lock session (a <c>SELECT 1</c>); a failed check makes it step down, so it stops
    /// within about this interval of losing the session (an unanswered one after twice this, at least 2 s).
    /// </summary>
    [Range(50, 600_000)] public int LeaseCheckMs { get; set; } = 250;
}
