using BlazorTrader.Engine.Accounts;
using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Services;

/// <summary>The one set of rules for an account, whether it comes from <c>/api/accounts</c> or the Accounts page: errors by field.</summary>
public static class AccountValidator
{
    public const int MaxNameLength = 100;

    public static Dictionary<string, string[]> Validate(string? name, string? broker, IReadOnlyDictionary<string, string>? settings,
        RiskLimitSettings? limits, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && string.IsNullOrWhiteSpace(name)) errors["name"] = ["name is required"];
        if (name is { Length: > MaxNameLength }) errors["name"] = [$"name must be at most {MaxNameLength} characters"];
        if (creating && broker is null) errors["broker"] = ["broker is required: Paper, InteractiveBrokers or Tradovate"];
        BrokerKind? kind = Enum.TryParse<BrokerKind>(broker, ignoreCase: true, out var k) ? k : null;
        if (broker is not null && kind is null) errors["broker"] = ["broker must be Paper, InteractiveBrokers or Tradovate"];
        if (kind is { } known && BrokerSettingsRules.Validate(known, settings) is { Count: > 0 } problems) errors["settings"] = [.. problems];
        if (limits is { } l && (l.MaxEntriesPerDay < 0 || l.MaxDailyLoss < 0 || l.MaxPositionSize < 0)) errors["limits"] = ["limits must not be negative"];
        return errors;
    }
}
