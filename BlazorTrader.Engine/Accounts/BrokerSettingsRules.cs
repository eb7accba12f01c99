using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Execution.Tradovate;

namespace BlazorTrader.Engine.Accounts;

/// <summary>What each broker kind requires of an account's settings, so callers check them without knowing the adapters.</summary>
public static class BrokerSettingsRules
{
    /// <summary>
    /// The problems with <paramref name="settings"/> for <paramref name="kind"/>; empty when usable. Null settings are
    /// the defaults for Paper and Interactive Brokers, and "keep the saved ones (or connect by OAuth)" for Tradovate.
    /// </summary>
    public static IReadOnlyList<string> Validate(BrokerKind kind, IReadOnlyDictionary<string, string>? settings) => kind switch
    {
        BrokerKind.Paper => PaperSettings.Validate(settings ?? new Dictionary<string, string>()),
        BrokerKind.InteractiveBrokers => InteractiveBrokersSettings.Validate(settings ?? new Dictionary<string, string>()),
        BrokerKind.Tradovate when settings is not null => TradovateSettings.Validate(settings),
        _ => [],
    };
}
