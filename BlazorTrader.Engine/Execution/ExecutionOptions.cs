namespace BlazorTrader.Engine.Execution;

public sealed class ExecutionOptions
{
    public const string Section = "Execution";

    /// <summary>
    /// An entry (an order that opens or adds) still unsent at a restart goes out only while its signal is younger than
    /// this; older ones are reported and left for the trader ("sync account to recorder"). Exits always go.
    /// </summary>
    public int MaxEntryDelaySeconds { get; set; } = 30;

    public TimeSpan MaxEntryDelay => TimeSpan.FromSeconds(MaxEntryDelaySeconds);
}
