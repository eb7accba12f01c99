using System.Collections.Concurrent;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>
/// One connected broker per account. Every broker's order reports become <see cref="BrokerOrderUpdated"/>
/// commands, so they reach trading state only through the engine loop.
/// </summary>
internal sealed class BrokerRegistry(
    IServiceProvider services,
    IEnumerable<IBrokerProvider> providers,
    IEnumerable<IBrokerDecorator> decorators,
    AccountSettingsProtector protector,
    EngineInbox inbox,
    EngineEventHub events,
    TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Entry> _brokers = new();

    private sealed record Entry(IBroker Broker, PaperBroker? Paper, IDisposable Subscription, AccountEntity Account)
    {
        public DateTime AccountUpdatedAt => Account.UpdatedAt;
        public string AccountName => Account.Name;
    }

    /// <summary>Creates, replaces or drops brokers so there is one per enabled account; called at start and after account changes.</summary>
    public async Task SyncAsync(TradingDbContext db, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(ct);
        foreach (var (id, entry) in _brokers)
        {
            // Unchanged broker settings keep their broker; its copy of the account (limits, name) is always the fresh one.
            if (accounts.FirstOrDefault(a => a.Id == id && a.Enabled && a.UpdatedAt == entry.AccountUpdatedAt) is { } same)
            {
                _brokers[id] = entry with { Account = same };
                continue;
            }
            if (_brokers.TryRemove(id, out var gone)) await DisposeAsync(gone);
        }
        foreach (var account in accounts.Where(a => a.Enabled && !_brokers.ContainsKey(a.Id)))
        {
            var entry = Create(account);
            _brokers[account.Id] = entry;
            try { await entry.Broker.ConnectAsync(ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"Account '{account.Name}': broker connection failed: {ex.Message}"));
            }
        }
    }

    /// <summary>The account's name as of the last <see cref="SyncAsync"/> (every account change runs it); null without a broker.</summary>
    public string? AccountName(long accountId) => _brokers.TryGetValue(accountId, out var e) ? e.AccountName : null;

    /// <summary>
    /// The enabled account as of the last <see cref="SyncAsync"/>, which every change of an account (its limits too) runs:
    /// the copy is never older than the database. Null when disabled or unknown.
    /// </summary>
    public AccountEntity? EnabledAccount(long accountId) => _brokers.TryGetValue(accountId, out var e) ? e.Account : null;

    public bool TryGet(long accountId, out IBroker broker)
    {
        broker = _brokers.TryGetValue(accountId, out var e) ? e.Broker : null!;
        return broker is not null;
    }

    public PaperBroker Paper(long accountId) =>
        TryPaper(accountId, out var paper) ? paper : throw new InvalidOperationException($"Account {accountId} is not an enabled paper account.");

    public bool TryPaper(long accountId, out PaperBroker paper)
    {
        paper = _brokers.TryGetValue(accountId, out var e) ? e.Paper! : null!;
        return paper is not null;
    }

    private Entry Create(AccountEntity account)
    {
        var info = new BrokerAccount(account.Id, account.Name, account.Broker, protector.Read(account));
        PaperBroker? paper = null;
        IBroker broker;
        if (account.Broker == BrokerKind.Paper)
            broker = paper = ActivatorUtilities.CreateInstance<PaperBroker>(services, info);
        else if (providers.FirstOrDefault(p => p.Kind == account.Broker) is { } provider)
            broker = provider.Create(info);
        else
            broker = new UnavailableBroker(info, $"no {account.Broker} adapter is installed in this build");
        foreach (var decorator in decorators) broker = decorator.Decorate(broker);
        var subscription = broker.Subscribe(Forward);
        return new Entry(broker, paper, subscription, account);
    }

    private void Forward(BrokerEvent e)
    {
        switch (e)
        {
            case OrderStatusReported report: inbox.Post(new BrokerOrderUpdated(report)); break;
            case ExecutionReported execution: inbox.Post(new BrokerExecutionReceived(execution.AccountId, execution.Execution)); break;
            case OrderModifyRefused refused: inbox.Post(new BrokerModifyRefused(refused.AccountId, refused.ClientOrderRef, refused.Reason)); break;
            case ConnectionChanged c:
                // Every (re)connect: the adapter has matched its orders and fills; now compare the book with the broker's positions.
                if (c.State == BrokerConnectionState.Connected && _brokers.TryGetValue(c.AccountId, out var registered) && registered.Paper is null)
                {
                    inbox.Post(new ReconcileOrders(OrderSubmitter.SubmitTimeout));
                    // Then what rests at the broker: fills while away are booked by now, so missing and orphaned orders are real.
                    if (registered.Broker.RestsProtection) inbox.Post(new CheckProtection());
                }
                events.Publish(new LogEntry(c.At, c.State == BrokerConnectionState.Connected ? EngineLogLevel.Info : EngineLogLevel.Warning,
                    $"Account {c.AccountId}: broker {c.State.ToString().ToLowerInvariant()}{(c.Reason is null ? "" : $": {c.Reason}")}"));
                break;
        }
    }

    private static async ValueTask DisposeAsync(Entry entry)
    {
        entry.Subscription.Dispose();
        await entry.Broker.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _brokers.Values) await DisposeAsync(entry);
        _brokers.Clear();
    }
}
