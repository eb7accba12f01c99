using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Copy trading: after a signal moved a recorder's virtual position, each linked account gets its own intent
/// (key <c>{signalKey}:acct:{accountId}</c>) sized by <see cref="CopyQuantity"/>. Accounts are independent: a denied,
/// disabled or rejecting account is reported (audit, notification, intent status) and the others still trade.
/// </summary>
internal sealed class OrderRouter(
    BrokerRegistry brokers,
    IntentWriter writer,
    OrderSubmitter submitter,
    Protection.ProtectionKeeper protection,
    RiskGate risk,
    EngineEventHub events,
    TimeProvider time)
{
    public static string AccountKey(string signalKey, long accountId) => $"{AccountKeyPrefix(signalKey)}{accountId}";

    /// <summary>What every account's key of one change starts with.</summary>
    public static string AccountKeyPrefix(string signalKey) => $"{signalKey}:acct:";

    /// <summary>
    /// Stages one intent per linked account in the journal of the change that moved the recorder (a signal, the engine's
    /// own TP/SL on a tick): they commit together, and each goes to its broker only once committed. Returns the intents'
    /// ids (the first intent's id where its key exists already, e.g. a retried exit).
    /// </summary>
    /// <param name="contractMonth">The month the orders trade (a roll's new leg); null: the month each account holds, else the front.</param>
    /// <param name="checkRisk">False for a roll's new leg: it replaces a position, it adds no risk.</param>
    public async Task<IReadOnlyList<long>> StageFanOutAsync(Journal journal, RecorderEntity recorder, string baseKey, long? signalId, string source,
        string symbol, PositionState? after, decimal price, CancellationToken ct, string? contractMonth = null, bool checkRisk = true)
    {
        if (recorder.Accounts.Count == 0) return [];
        var ids = new List<long>();
        foreach (var link in recorder.Accounts)
        {
            try
            {
                if (await RouteAsync(journal, recorder, baseKey, signalId, source, symbol, after, price, link, contractMonth, checkRisk, ct) is { } id) ids.Add(id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One account's failure must not cost the others their order (its step was undone by its savepoint).
                foreach (var entry in journal.Db.ChangeTracker.Entries<OrderIntentEntity>().Where(e => e.State == EntityState.Added).ToList())
                    entry.State = EntityState.Detached;
                Log(EngineLogLevel.Error, $"{recorder.Name}: copy to account {link.AccountId} failed: {ex.Message}", recorder.Id);
            }
        }
        return ids;
    }

    private async Task<long?> RouteAsync(Journal journal, RecorderEntity recorder, string baseKey, long? signalId, string source, string symbol,
        PositionState? after, decimal price, AccountLink link, string? contractMonth, bool checkRisk, CancellationToken ct)
    {
        var db = journal.Db;
        var key = AccountKey(baseKey, link.AccountId);
        // The key may be taken already (a retried exit, a manual order racing for the same key): that intent answers.
        // A new signal's accounts' keys are nearly always new: the key is looked up only when there is nothing to send
        // (the racing order is in the expected position then); an order to send meets a taken key at the UNIQUE index.
        if (signalId is null && await KnownAsync(db, key, ct) is { } known) return known;
        var account = brokers.EnabledAccount(link.AccountId);
        if (account is null)
        {
            Log(EngineLogLevel.Warning, $"{recorder.Name}: account {link.AccountId} is disabled or unknown; not copied", recorder.Id);
            return null;
        }

        var (expected, held) = await HeadingAsync(db, account.Id, symbol, ct);
        var target = CopyQuantity.Target(after, link.Multiplier);
        var (order, isEntry, closing) = CopyQuantity.Order(expected, target);
        if (order != 0 && isEntry && checkRisk && await risk.DenyAccountEntryAsync(db, account, symbol, target, recorder.Id, ct) is not null)
            order = closing;   // the entry is denied; an exit in the same order still goes
        // A TP/SL exit never adds: an account the broker's own stop or target took out is not bought back in.
        if (source == "exit" && isEntry) order = closing;
        if (order == 0) return signalId is null ? null : await KnownAsync(db, key, ct);
        // While the account's stop and targets rest at the broker, an exit waits until they are cancelled (never both fill).
        var resting = closing != 0 && protection.Rests(account.Id) ? await protection.RestingKeysAsync(db, account.Id, symbol, ct) : [];

        var written = await writer.StageAsync(journal, new OrderIntentEntity
        {
            IdempotencyKey = key, AccountId = account.Id, RecorderId = recorder.Id, SignalId = signalId, Source = source,
            Ticker = symbol, ContractMonth = contractMonth, Action = order > 0 ? OrderAction.Buy : OrderAction.Sell, Quantity = Math.Abs(order), Type = OrderType.Market,
            ReferencePrice = price, IsEntry = isEntry && order != closing, Reason = resting.Count > 0 ? Protection.ProtectionKeeper.HeldReason : null,
        }, held, ct);
        if (written.Duplicate) return written.Intent.Id;
        if (resting.Count > 0) journal.AfterCommit(() => protection.CancelForExit(account.Id, resting));
        else journal.AfterCommit(() => submitter.Submit(written.Intent));
        return written.Intent.Id;
    }

    private static Task<long?> KnownAsync(TradingDbContext db, string key, CancellationToken ct) => Known.For(db)(db, key, ct);

    /// <summary>The account's book plus what its unfilled orders in the symbol will add: the position it is heading to.</summary>
    internal static async Task<decimal> ExpectedPositionAsync(TradingDbContext db, long accountId, string symbol, CancellationToken ct) =>
        (await HeadingAsync(db, accountId, symbol, ct)).Expected;

    /// <summary><see cref="ExpectedPositionAsync"/> and the book row it started from (what an order's month is taken from).</summary>
    private static async Task<(decimal Expected, AccountHolding? Held)> HeadingAsync(TradingDbContext db, long accountId, string symbol, CancellationToken ct)
    {
        var held = await AccountHolding.ReadAsync(db, accountId, symbol, ct);
        var expected = held?.Quantity ?? 0;
        await foreach (var working in Working.For(db)(db, accountId, symbol).WithCancellation(ct))
            expected += working.Action == OrderAction.Buy ? working.Open : -working.Open;
        return (expected, held);
    }

    // Read for every copied order (CompiledPerModel says why compiled).
    private static readonly CompiledPerModel<Func<TradingDbContext, long, string, IAsyncEnumerable<WorkingQuantity>>> Working = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, string symbol) => db.OrderIntents.AsNoTracking()
            .Where(i => i.AccountId == accountId && i.Ticker == symbol && i.Source != "bracket" && i.Source != Protection.ProtectionKeeper.Source
                && (i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled))
            .Select(i => new WorkingQuantity(i.Action, i.Quantity - i.FilledQuantity))));

    private sealed record WorkingQuantity(OrderAction Action, decimal Open);

    private static readonly CompiledPerModel<Func<TradingDbContext, string, CancellationToken, Task<long?>>> Known = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, string key, CancellationToken ct) =>
            db.OrderIntents.Where(i => i.IdempotencyKey == key).Select(i => (long?)i.Id).FirstOrDefault()));

    private void Log(EngineLogLevel level, string message, long recorderId) =>
        events.Publish(new LogEntry(time.GetUtcNow(), level, message, recorderId));
}
