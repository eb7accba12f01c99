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

/// <summary>
/// The recorder form's mutable state. It converts to the same <see cref="RecorderDraft"/> the REST API
/// takes and is checked by the same <see cref="RecorderDraftValidator"/>, so UI and API always agree.
/// </summary>
public sealed class RecorderFormModel
{
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
    public int? MaxEntriesPerDay { get; set; }
    public bool BlockReentryAfterClose { get; set; }
    public List<AccountLinkDraft> Accounts { get; set; } = [];

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
        MaxEntriesPerDay = MaxEntriesPerDay,
        BlockReentryAfterClose = BlockReentryAfterClose,
        Accounts = [.. Accounts],
    };

    /// <summary>Field errors keyed like the API's (name, tpTargets[1].trim, ...).</summary>
    public Dictionary<string, string[]> Validate() => RecorderDraftValidator.Validate(ToDraft());

    public static RecorderFormModel FromEntity(RecorderEntity r) => new()
    {
        Name = r.Name,
        RecordingEnabled = r.RecordingEnabled,
        InitialPositionSize = r.InitialPositionSize,
        AddPositionSize = r.AddPositionSize,
        TpUnits = r.TpUnits,
        TpTargets = r.TpTargets.Select(t => new TpTargetRow { Value = t.Value, Trim = t.Trim }).ToList(),
        SlEnabled = r.SlEnabled,
        SlAmount = r.SlAmount,
        SlUnits = r.SlUnits,
        TrailingEnabled = r.TrailingEnabled,
        TrailingTrigger = r.TrailingTrigger,
        TrailingDistance = r.TrailingDistance,
        BreakEvenAfterTp1 = r.BreakEvenAfterTp1,
        MaxEntriesPerDay = r.MaxEntriesPerDay,
        BlockReentryAfterClose = r.BlockReentryAfterClose,
        Accounts = r.Accounts.Select(a => new AccountLinkDraft(a.AccountId, a.Multiplier)).ToList(),
    };

    /// <summary>A new recorder's starting point: two targets trimming half each, an 8-tick stop.</summary>
    public static RecorderFormModel NewDefault() => new()
    {
        TpTargets = [new() { Value = 10, Trim = 50 }, new() { Value = 20, Trim = 50 }],
        SlEnabled = true,
        SlAmount = 8,
    };
}
