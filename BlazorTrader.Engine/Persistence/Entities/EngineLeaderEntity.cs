namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>The one row that says which instance's engine leads and where to forward webhooks to it.</summary>
public sealed class EngineLeaderEntity
{
    public int Id { get; set; } = 1;
    public required string InstanceId { get; set; }
    public string? Url { get; set; }
    public DateTime Since { get; set; }

    /// <summary>Fencing token: each new leader increments it when it claims; a write made under an older epoch is refused.</summary>
    public long Epoch { get; set; }
}
