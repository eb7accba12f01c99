using BlazorTrader.Engine.Commands;

namespace BlazorTrader.Engine.Recorders;

/// <summary>Field-by-field validation of a recorder; the keys are the API's camelCase field names.</summary>
public static class RecorderDraftValidator
{
    public const decimal MaxSize = 1_000_000m;

    public static Dictionary<string, string[]> Validate(RecorderDraft d)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        if (string.IsNullOrWhiteSpace(d.Name)) Add("name", "name is required");
        else if (d.Name.Length > 100) Add("name", "name is at most 100 characters");
        CheckSize(d.InitialPositionSize, "initialPositionSize", Add);
        CheckSize(d.AddPositionSize, "addPositionSize", Add);
        if (!Enum.IsDefined(d.TpUnits)) Add("tpUnits", "tpUnits must be Ticks, Points or Percent");
        if (!Enum.IsDefined(d.SlUnits)) Add("slUnits", "slUnits must be Ticks, Points or Percent");

        if (d.TpTargets.Count > 10) Add("tpTargets", "at most 10 take-profit targets");
        for (var i = 0; i < d.TpTargets.Count; i++)
        {
            var t = d.TpTargets[i];
            if (t.Value <= 0) Add($"tpTargets[{i}].value", "value must be greater than 0");
            if (t.Trim is <= 0 or > 100) Add($"tpTargets[{i}].trim", "trim must be between 0 (exclusive) and 100 percent");
            if (i > 0 && t.Value <= d.TpTargets[i - 1].Value) Add($"tpTargets[{i}].value", "targets must be in increasing distance from entry");
        }
        if (d.TpTargets.Count > 0 && d.TpTargets.Sum(t => t.Trim) != 100)
            Add("tpTargets", $"the trims add up to {d.TpTargets.Sum(t => t.Trim)}; they must add up to 100");

        if (d.SlEnabled && d.SlAmount <= 0) Add("slAmount", "slAmount must be greater than 0 when slEnabled is true");
        if (d.SlUnits == PriceUnits.Percent && d.SlAmount >= 100) Add("slAmount", "a percent stop must be below 100");
        if (d.TrailingEnabled && d.TrailingDistance <= 0) Add("trailingDistance", "trailingDistance must be greater than 0 when trailing is enabled");
        if (d.TrailingTrigger < 0) Add("trailingTrigger", "trailingTrigger cannot be negative");
        if (!Enum.IsDefined(d.SameSideSignal)) Add("sameSideSignal", "sameSideSignal must be Add or Ignore");
        if (d.Capital is <= 0 or > 1_000_000_000_000m) Add("capital", "capital must be greater than 0 and at most 1000000000000, or null");
        if (d.MaxEntriesPerDay is < 1) Add("maxEntriesPerDay", "maxEntriesPerDay must be at least 1, or null for no limit");
        for (var i = 0; i < d.Accounts.Count; i++)
        {
            if (d.Accounts[i].Multiplier is <= 0 or > 100) Add($"accounts[{i}].multiplier", "multiplier must be greater than 0 and at most 100");
        }
        if (d.Accounts.Select(a => a.AccountId).Distinct().Count() != d.Accounts.Count) Add("accounts", "an account is linked twice");
        return errors;
    }

    private static void CheckSize(decimal size, string field, Action<string, string> add)
    {
        if (size <= 0 || size > MaxSize) add(field, $"{field} must be greater than 0 and at most {MaxSize:0}");
        else if (size != decimal.Truncate(size)) add(field, $"{field} must be a whole number");
    }
}
