using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Commands;

/// <summary>Recorder settings as a client sends them (docs/api.md "Recorder body"), validated by <see cref="RecorderDraftValidator"/>.</summary>
public sealed record RecorderDraft
{
    public string Name { get; init; } = "";
    public bool RecordingEnabled { get; init; } = true;
    public decimal InitialPositionSize { get; init; } = 1;
    public decimal AddPositionSize { get; init; } = 1;
    public PriceUnits TpUnits { get; init; } = PriceUnits.Ticks;
    public IReadOnlyList<TakeProfitTarget> TpTargets { get; init; } = [];
    public bool SlEnabled { get; init; }
    public decimal SlAmount { get; init; }
    public PriceUnits SlUnits { get; init; } = PriceUnits.Ticks;
    public bool TrailingEnabled { get; init; }
    public decimal TrailingTrigger { get; init; }
    public decimal TrailingDistance { get; init; }
    public bool BreakEvenAfterTp1 { get; init; }
    public bool PauseExitsOnDelayedData { get; init; }
    public int? MaxEntriesPerDay { get; init; }
    public bool BlockReentryAfterClose { get; init; }
    public SameSideSignal SameSideSignal { get; init; } = SameSideSignal.Add;
    public decimal? Capital { get; init; }
    public IReadOnlyList<AccountLinkDraft> Accounts { get; init; } = [];
}

public sealed record AccountLinkDraft(long AccountId, decimal Multiplier = 1);

public sealed record RecorderCreated(long Id, string WebhookToken);
