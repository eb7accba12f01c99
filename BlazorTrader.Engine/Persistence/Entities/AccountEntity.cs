using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>
/// A broker account orders go to. Paper settings are stored in clear (no secrets); a real account's
/// settings (host, credentials) are encrypted with ASP.NET Data Protection and never returned by the API.
/// </summary>
public sealed class AccountEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public BrokerKind Broker { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>JSON object of settings; encrypted when <see cref="SettingsProtected"/>.</summary>
    public required string Settings { get; set; }
    public bool SettingsProtected { get; set; }
    public RiskLimitSettings Limits { get; set; } = new();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Per-account or per-recorder limits; null means no limit.</summary>
public sealed class RiskLimitSettings
{
    public int? MaxEntriesPerDay { get; set; }
    public bool BlockReentryAfterClose { get; set; }
    /// <summary>Positive dollars: entries stop for the trading day once realized P&amp;L is at or below minus this.</summary>
    public decimal? MaxDailyLoss { get; set; }
    /// <summary>Largest absolute position, in contracts, an entry may lead to.</summary>
    public decimal? MaxPositionSize { get; set; }
}

/// <summary>Limits of a recorder beyond those in its own settings (max entries and re-entry live on the recorder).</summary>
public sealed class RecorderLimitsEntity
{
    public long RecorderId { get; set; }
    public decimal? MaxDailyLoss { get; set; }
    public decimal? MaxPositionSize { get; set; }
}

/// <summary>A named switch of the engine that must survive a restart (kill switch).</summary>
public sealed class EngineFlagEntity
{
    public required string Name { get; set; }
    public bool Value { get; set; }
    public string? Reason { get; set; }
    public DateTime UpdatedAt { get; set; }
}
