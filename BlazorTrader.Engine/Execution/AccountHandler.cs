using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>Account create/update/delete on the engine loop, so no order sees a half-changed account; brokers follow.</summary>
internal sealed class AccountHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    AccountSettingsProtector protector,
    BrokerRegistry brokers,
    EngineEventHub events,
    TimeProvider time)
{
    public const string DefaultPaperName = "Paper";
    private const string DefaultCreatedFlag = "default-paper-account";

    /// <summary>First start: a "Paper" account so the app trades (on paper) out of the box.</summary>
    public async Task EnsureDefaultAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Once only: a user who deletes it does not get it back at the next start.
        if (await db.EngineFlags.AnyAsync(f => f.Name == DefaultCreatedFlag, ct)) return;
        if (!await db.Accounts.AnyAsync(a => a.Name == DefaultPaperName, ct))
            await AddAsync(db, new AccountDraft(DefaultPaperName, BrokerKind.Paper, true, new Dictionary<string, string>(), null), ct);
        db.EngineFlags.Add(new EngineFlagEntity { Name = DefaultCreatedFlag, Value = true, UpdatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    public async Task<long> CreateAsync(CreateAccount command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await AddAsync(db, command.Draft, ct);
        await brokers.SyncAsync(db, ct);
        Log($"Account '{command.Draft.Name}' ({command.Draft.Broker}) created");
        return id;
    }

    public async Task<bool> UpdateAsync(UpdateAccount command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == command.Id, ct);
        if (account is null) return false;
        var d = command.Draft;
        var brokerChanged = account.Broker != d.Broker;
        account.Name = d.Name.Trim();
        account.Broker = d.Broker;
        account.Enabled = d.Enabled;
        if (d.Settings is not null || brokerChanged) protector.Write(account, d.Settings ?? new Dictionary<string, string>());
        if (d.Limits is not null) account.Limits = d.Limits;
        account.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await EnsurePaperCashAsync(db, account, ct);
        await brokers.SyncAsync(db, ct);
        Log($"Account '{account.Name}' updated");
        return true;
    }

    public async Task<DeleteAccountRefusal?> DeleteAsync(DeleteAccount command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = command.Id;
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return new DeleteAccountRefusal(true, $"There is no account {id}.");
        // Deleting cascades to the intents: with orders working or a position held, their fills would belong to nothing.
        var working = await db.OrderIntents.CountAsync(i => i.AccountId == id && (i.Status == OrderIntentStatus.Pending
            || i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled), ct);
        var held = await db.AccountPositions.CountAsync(p => p.AccountId == id && p.Quantity != 0, ct);
        if (working > 0 || held > 0)
            return new DeleteAccountRefusal(false, $"Account {id} has {working} working order(s) and {held} open position(s): flatten it (or disable it) first.");
        await db.Accounts.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
        await brokers.SyncAsync(db, ct);
        Log($"Account {id} deleted with its intents and paper state");
        return null;
    }

    private async Task<long> AddAsync(TradingDbContext db, AccountDraft draft, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var account = new AccountEntity { Name = draft.Name.Trim(), Broker = draft.Broker, Enabled = draft.Enabled, Settings = "{}", CreatedAt = now, UpdatedAt = now };
        protector.Write(account, draft.Settings ?? new Dictionary<string, string>());
        account.Limits = draft.Limits ?? new RiskLimitSettings();
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        await EnsurePaperCashAsync(db, account, ct);
        return account.Id;
    }

    private async Task EnsurePaperCashAsync(TradingDbContext db, AccountEntity account, CancellationToken ct)
    {
        if (account.Broker != BrokerKind.Paper || await db.PaperAccounts.AnyAsync(p => p.AccountId == account.Id, ct)) return;
        var cash = PaperSettings.From(protector.Read(account)).StartingCash;
        db.PaperAccounts.Add(new PaperAccountEntity { AccountId = account.Id, StartingCash = cash, Cash = cash });
        await db.SaveChangesAsync(ct);
    }

    private void Log(string message) => events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info, message));
}
