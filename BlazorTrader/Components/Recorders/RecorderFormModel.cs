using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Components.Recorders;

/// <summary>One editable take-profit row: distance from entry and the percent of the entry it trims.</summary>
public sealed class TpTargetRow
{
    public decimal Value { get; set; }
    public decimal Trim { get; set; }
}

/// <summary>Copy trading: the recorder's signals also go to this account, scaled by the multiplier.</summary>
public sealed class AccountLinkRow
{
    public long AccountId { get; set; }
    public decimal Multiplier { get; set; } = 1;
}

/// <summary>
/// The recorder form's mutable state. It converts to the same <see cref="RecorderDraft"/> the REST API
/// takes and is checked by the same <see cref="RecorderDraftValidator"/>, so UI and API always agree.
/// Settings the form does not edit are carried over from the stored recorder unchanged.
/// </summary>
public sealed class RecorderFormModel
{
    private RecorderDraft _stored = new();

    public string Name { get; set; } = "";
    public bool RecordingEnabled { get; set; } = true;
    public decimal InitialPositionSize { get; set; } = 1;
    public decimal AddPositionSize { get; set; } = 1;
    public PriceUnits TpUnits { get; set; } = PriceUnits.Ticks;
    public List<TpTargetRow> TpTargets { get; set; } = [];
    public bool SlEnabled { get; set; }
    public decimal SlAmount { get; set; }
    public PriceUnits SlUnits { get; set; } = PriceUnits.Ticks;
    public bool TrailingEnabled { get; set; }
    public decimal TrailingTrigger { get; set; }
    public decimal TrailingDistance { get; set; }
    public bool BreakEvenAfterTp1 { get; set; }
    public bool PauseExitsOnDelayedData { get; set; }
    public int? MaxEntriesPerDay { get; set; }
    public bool BlockReentryAfterClose { get; set; }
    public SameSideSignal SameSideSignal { get; set; } = SameSideSignal.Add;
    public decimal? Capital { get; set; }

    public List<AccountLinkRow> Accounts { get; set; } = [];

    public RecorderDraft ToDraft() => _stored with
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

    /// <summary>Field errors keyed like the API's (name, tpTargets[1].trim, ...).</summary>
    public Dictionary<string, string[]> Validate() => RecorderDraftValidator.Validate(ToDraft());

    public static RecorderFormModel FromEntity(RecorderEntity r) => FromDraft(r.ToDraft());

    public static RecorderFormModel FromDraft(RecorderDraft d) => new()
    {
        _stored = d,
        Name = d.Name,
        RecordingEnabled = d.RecordingEnabled,
        InitialPositionSize = d.InitialPositionSize,
        AddPositionSize = d.AddPositionSize,
        TpUnits = d.TpUnits,
        TpTargets = d.TpTargets.Select(t => new TpTargetRow { Value = t.Value, Trim = t.Trim }).ToList(),
        SlEnabled = d.SlEnabled,
        SlAmount = d.SlAmount,
        SlUnits = d.SlUnits,
        TrailingEnabled = d.TrailingEnabled,
        TrailingTrigger = d.TrailingTrigger,
        TrailingDistance = d.TrailingDistance,
        BreakEvenAfterTp1 = d.BreakEvenAfterTp1,
        PauseExitsOnDelayedData = d.PauseExitsOnDelayedData,
        MaxEntriesPerDay = d.MaxEntriesPerDay,
        BlockReentryAfterClose = d.BlockReentryAfterClose,
        SameSideSignal = d.SameSideSignal,
        Capital = d.Capital,
        Accounts = d.Accounts.Select(a => new AccountLinkRow { AccountId = a.AccountId, Multiplier = a.Multiplier }).ToList(),
    };

    /// <summary>A new recorder's starting point: two targets trimming half each, an 8-tick stop.</summary>
    public static RecorderFormModel NewDefault() => new()
    {
        TpTargets = [new() { Value = 10, Trim = 50 }, new() { Value = 20, Trim = 50 }],
        SlEnabled = true,
        SlAmount = 8,
    };
}
