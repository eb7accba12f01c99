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
}
