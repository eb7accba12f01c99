using BlazorTrader.Engine.Accounts;
using System.Globalization;
using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Services;

/// <summary>
/// What the Accounts page edits. Settings of a real broker are write-only: an edit form starts with them empty, and empty
/// fields keep what is stored (encrypted). Paper settings hold nothing secret and are shown.
/// </summary>
public sealed class AccountForm
{
    public static readonly string[] PaperKeys = ["startingCash", "latencyMs", "slippageTicks", "restProtection"];
    public static readonly string[] InteractiveBrokersKeys = ["host", "port", "clientId", "accountCode"];

    public string Name { get; set; } = "";
    public string Broker { get; set; } = "Paper";
    public bool Enabled { get; set; } = true;
    public Dictionary<string, string> Settings { get; set; } = [];
    /// <summary>True when the stored settings are encrypted: they are not shown, and empty fields keep them.</summary>
    public bool SettingsHidden { get; set; }
    public int? MaxEntriesPerDay { get; set; }
    public bool BlockReentryAfterClose { get; set; }
    public decimal? MaxDailyLoss { get; set; }
    public decimal? MaxPositionSize { get; set; }

    public IReadOnlyList<string> SettingKeys => Broker == "InteractiveBrokers" ? InteractiveBrokersKeys : PaperKeys;

    /// <summary>The settings to send: the filled fields of this broker, or null (keep the stored ones) when none was filled on an edit.</summary>
    public IReadOnlyDictionary<string, string>? SettingsToSend(bool creating)
    {
        var filled = SettingKeys.Where(k => Settings.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v)).ToDictionary(k => k, k => Settings[k].Trim());
        return filled.Count == 0 && !creating ? null : filled;
    }

    public RiskLimitSettings Limits() => new()
    {
        MaxEntriesPerDay = MaxEntriesPerDay, BlockReentryAfterClose = BlockReentryAfterClose, MaxDailyLoss = MaxDailyLoss, MaxPositionSize = MaxPositionSize,
    };
}

public sealed record AccountSaveResult(bool Saved, long? Id, IReadOnlyDictionary<string, string[]> Errors, string Message);

/// <summary>Create, edit, test and delete broker accounts from the UI: the checks of <c>/api/accounts</c>, then one engine command.</summary>
public interface IAccountAdmin
{
    Task<AccountForm?> EditFormAsync(long id, CancellationToken ct = default);

    Task<AccountSaveResult> SaveAsync(long? id, AccountForm form, CancellationToken ct = default);

    Task<ControlActionResult> DeleteAsync(long id, CancellationToken ct = default);

    Task<ControlActionResult> TestAsync(long id, CancellationToken ct = default);
}

public sealed class EngineAccountAdmin(ITradingEngine engine, IDbContextFactory<TradingDbContext> dbFactory, AccountQueries queries) : IAccountAdmin
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public async Task<AccountForm?> EditFormAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return null;
        return new AccountForm
        {
            Name = a.Name, Broker = a.Broker.ToString(), Enabled = a.Enabled, SettingsHidden = a.SettingsProtected,
            Settings = a.SettingsProtected ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(a.Settings) ?? [],
            MaxEntriesPerDay = a.Limits.MaxEntriesPerDay, BlockReentryAfterClose = a.Limits.BlockReentryAfterClose,
            MaxDailyLoss = a.Limits.MaxDailyLoss, MaxPositionSize = a.Limits.MaxPositionSize,
        };
    }

    public async Task<AccountSaveResult> SaveAsync(long? id, AccountForm form, CancellationToken ct = default)
    {
        var creating = id is null;
        var settings = form.SettingsToSend(creating);
        var errors = AccountValidator.Validate(form.Name, form.Broker, settings, form.Limits(), creating: true);   // the form always sends name and broker
        if (errors.Count > 0) return new(false, id, errors, string.Join("; ", errors.Values.SelectMany(v => v)));
        var name = form.Name.Trim();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Accounts.AnyAsync(a => a.Name == name && a.Id != (id ?? 0), ct))
                return new(false, id, new Dictionary<string, string[]> { ["name"] = [$"An account named '{name}' already exists; choose another name."] }, "Name taken");
        }
        var draft = new AccountDraft(name, Enum.Parse<BrokerKind>(form.Broker, ignoreCase: true), form.Enabled, settings, form.Limits());
        try
        {
            if (id is { } existing)
            {
                return await engine.SendAsync(new UpdateAccount(existing, draft), EngineTimeout, ct)
                    ? new(true, existing, NoErrors, $"{name} saved")
                    : new(false, existing, NoErrors, "That account was deleted meanwhile.");
            }
            var created = await engine.SendAsync(new CreateAccount(draft), EngineTimeout, ct);
            return new(true, created, NoErrors, $"{name} created");
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return new(false, id, NoErrors, "The engine did not answer in time; check the list before trying again.");
        }
    }

    public async Task<ControlActionResult> DeleteAsync(long id, CancellationToken ct = default)
    {
        try
        {
            return await engine.SendAsync(new DeleteAccount(id), EngineTimeout, ct) switch
            {
                null => ControlActionResult.Ok("Account deleted"),
                var refusal => ControlActionResult.Failed(refusal.Reason),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Failed("The engine did not answer in time; check the list before trying again.");
        }
    }

    public async Task<ControlActionResult> TestAsync(long id, CancellationToken ct = default)
    {
        var test = await queries.TestConnectionAsync(id, ct);
        var state = queries.ConnectionState(id).ToString().ToLower(CultureInfo.InvariantCulture);
        if (test is null) return ControlActionResult.Ok($"Connection: {state}{(queries.ConnectionDetail(id) is { } d ? $" ({d})" : "")}.");
        var accounts = test.ManagedAccounts is { Count: > 0 } m ? $", accounts {string.Join(", ", m)}" : "";
        return test.Connected
            ? ControlActionResult.Ok($"Connected{(test.ServerVersion is { } v ? $": server version {v}" : "")}{accounts}. {test.Detail}".Trim())
            : ControlActionResult.Failed($"Not connected ({state}): {test.Detail}");
    }
}
