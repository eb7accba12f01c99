namespace BlazorTrader.Engine.Commands;

/// <summary>Posted a few times a second: publish repricing, flush live state, record P&amp;L history.</summary>
public sealed record EngineHeartbeat : EngineCommand
{
    public static readonly EngineHeartbeat Instance = new();
}
