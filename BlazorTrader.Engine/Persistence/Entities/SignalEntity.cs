namespace BlazorTrader.Engine.Persistence.Entities;

public static class SignalStatus
{
    public const string Accepted = "accepted";
    public const string Ignored = "ignored";
}

/// <summary>One webhook the engine decided on, with its raw payload kept verbatim.</summary>
public sealed class SignalEntity
{
    public long Id { get; set; }
    public long RecorderId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? AlertTime { get; set; }
    public DateTime? DecidedAt { get; set; }
    public required string Dialect { get; set; }
    public required string Action { get; set; }
    public required string Ticker { get; set; }
    public decimal? Price { get; set; }
    public decimal? Quantity { get; set; }
    /// <summary>How the alert's quantity was meant (dollar_amount, percent_of_equity...); null for contracts.</summary>
    public string? QuantityType { get; set; }
    /// <summary>The order the alert asked for (market, limit, stop, stoplimit); virtual recorders fill at the signal price.</summary>
    public string? OrderType { get; set; }
    public decimal? LimitPrice { get; set; }
    public decimal? StopPrice { get; set; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public required string RawPayload { get; set; }
    /// <summary>UNIQUE: a second insert of the same key is the duplicate guard (docs/design.md).</summary>
    public required string IdempotencyKey { get; set; }
    /// <summary>SHA-256 of the body, for the resend window.</summary>
    public required string PayloadHash { get; set; }
}
