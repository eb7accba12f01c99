using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>A strategy that receives webhooks. The token itself is never stored, only its SHA-256 hash.</summary>
public sealed class RecorderEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public bool RecordingEnabled { get; set; } = true;
    public decimal InitialPositionSize { get; set; } = 1;
    public decimal AddPositionSize { get; set; } = 1;
    public PriceUnits TpUnits { get; set; } = PriceUnits.Ticks;
    public List<TpTargetSetting> TpTargets { get; set; } = [];
    public bool SlEnabled { get; set; }
    public decimal SlAmount { get; set; }
    public PriceUnits SlUnits { get; set; } = PriceUnits.Ticks;
    public bool TrailingEnabled { get; set; }
    public decimal TrailingTrigger { get; set; }
    public decimal TrailingDistance { get; set; }
    public bool BreakEvenAfterTp1 { get; set; }
    /// <summary>Hold TP/SL decisions while the symbol's data is delayed or stale (prices still update).</summary>
    public bool PauseExitsOnDelayedData { get; set; }
    public int? MaxEntriesPerDay { get; set; }
    public bool BlockReentryAfterClose { get; set; }
    public SameSideSignal SameSideSignal { get; set; } = SameSideSignal.Add;
    /// <summary>Equity for percent_of_equity and risk_percent sizing; null = not set.</summary>
    public decimal? Capital { get; set; }
    public List<AccountLink> Accounts { get; set; } = [];
    public required string WebhookTokenHash { get; set; }
    public DateTime TokenCreatedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public RecorderSettings ToSettings() => new(
        InitialPositionSize, AddPositionSize, TpUnits,
        TpTargets.Select(t => new TakeProfitTarget(t.Value, t.Trim)).ToList(),
        SlEnabled, SlAmount, SlUnits, SameSideSignal, Capital);

    /// <summary>
    /// The stored settings as the draft that would recreate them, so an edit of one field (the UI's recording
    /// switch) sends every other field back unchanged. Add new settings here too: a test checks that none is missed.
    /// </summary>
    public RecorderDraft ToDraft() => new()
    {
        Name = Name,
        RecordingEnabled = RecordingEnabled,
        InitialPositionSize = InitialPositionSize,
        AddPositionSize = AddPositionSize,
        TpUnits = TpUnits,
        TpTargets = TpTargets.Select(t => new TakeProfitTarget(t.Value, t.Trim)).ToList(),
        SlEnabled = SlEnabled,
        SlAmount = SlAmount,
        SlUnits = SlUnits,
        TrailingEnabled = TrailingEnabled,
        TrailingTrigger = TrailingTrigger,
        TrailingDistance = TrailingDistance,
        BreakEvenAfterTp1 = BreakEvenAfterTp1,
        PauseExitsOnDelayedData = PauseExitsOnDelayedData,
        MaxEntriesPerDay = MaxEntriesPerDay,
        BlockReentryAfterClose = BlockReentryAfterClose,
        SameSideSignal = SameSideSignal,
        Capital = Capital,
        Accounts = Accounts.Select(a => new AccountLinkDraft(a.AccountId, a.Multiplier)).ToList(),
    };
}

public sealed class TpTargetSetting
{
    public decimal Value { get; set; }
    public decimal Trim { get; set; }
}

/// <summary>Copy trading: this recorder's signals also go to an account, scaled by a multiplier.</summary>
public sealed class AccountLink
{
    public long AccountId { get; set; }
    public decimal Multiplier { get; set; } = 1;
}
