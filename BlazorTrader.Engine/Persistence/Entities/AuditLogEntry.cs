namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>Who or what was blocked or changed, and why. Append-only.</summary>
public sealed class AuditLogEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Category { get; set; }
    public long? RecorderId { get; set; }
    public required string Message { get; set; }
}

/// <summary>Hashes of generated secrets (API key, admin password), so they are printed once and never stored in clear.</summary>
public sealed class AppSecret
{
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
}
