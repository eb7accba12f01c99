using System.Text.Json;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.AspNetCore.DataProtection;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Real accounts' settings (hosts, client ids, credentials) are stored encrypted with ASP.NET Data Protection,
/// keys in the data directory; paper settings hold no secret and stay readable.
/// </summary>
internal sealed class AccountSettingsProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("BlazorTrader.Accounts.Settings.v1");

    public void Write(AccountEntity account, IReadOnlyDictionary<string, string> settings)
    {
        var json = JsonSerializer.Serialize(settings);
        account.SettingsProtected = account.Broker != BrokerKind.Paper;
        account.Settings = account.SettingsProtected ? _protector.Protect(json) : json;
    }

    public IReadOnlyDictionary<string, string> Read(AccountEntity account)
    {
        var json = account.SettingsProtected ? _protector.Unprotect(account.Settings) : account.Settings;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
    }
}
