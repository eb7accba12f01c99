using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Persists order intents before anything is sent (docs/design.md "Never the same order twice"). The UNIQUE index on
/// the key decides: a second insert of a key answers the first intent instead. Engine loop only.
/// </summary>
internal sealed class IntentWriter(IDbContextFactory<TradingDbContext> dbFactory, EngineEventHub events, TimeProvider time, FrontMonths months)
{
    public readonly record struct Written(OrderIntentEntity Intent, bool Duplicate);

    public static string BracketKey(string parentKey, string leg) => $"{parentKey}:{leg}";

    public async Task<OrderIntentEntity?> FindAsync(string key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrderIntents.AsNoTracking().FirstOrDefaultAsync(i => i.IdempotencyKey == key, ct);
    }

    /// <summary>
    /// Stages the intent (and its bracket children) in the journal of the change that makes it; its event goes out after
    /// the commit. A key that exists already answers the first intent (the savepoint undid only this insert).
    /// </summary>
    public async Task<Written> StageAsync(Journal journal, OrderIntentEntity intent, CancellationToken ct)
    {
        await StampHeldMonthAsync(journal.Db, intent, ct);
        return await StageStampedAsync(journal, intent, ct);
    }

    /// <summary>
    /// <see cref="StageAsync"/> for a copied order, whose caller read the account's holding already and passes it (null:
    /// flat). An order alone (no bracket, no combo legs) is one row: the journal's row writer inserts it unless its key
    /// exists, without change tracking or a savepoint.
    /// </summary>
    public async Task<Written> StageAsync(Journal journal, OrderIntentEntity intent, AccountHolding? held, CancellationToken ct)
    {
        StampHeldMonth(intent, held);
        if (intent.TakeProfitPrice is not null || intent.StopLossPrice is not null || intent.Legs.Count > 0)
            return await StageStampedAsync(journal, intent, ct);
        Stamp(intent);
        if (!await journal.Rows.InsertUnlessExistsAsync(intent, nameof(OrderIntentEntity.IdempotencyKey), ct))
            return new Written(await journal.Db.OrderIntents.AsNoTracking().FirstAsync(i => i.IdempotencyKey == intent.IdempotencyKey, ct), true);
        journal.AfterCommit(() => events.Publish(new OrderIntentChanged(time.GetUtcNow(), intent.ToSnapshot())));
        return new Written(intent, false);
    }

    private DateTime Stamp(OrderIntentEntity intent)
    {
        var now = time.GetUtcNow().UtcDateTime;
        intent.Status = OrderIntentStatus.Pending;
        intent.CreatedAt = intent.UpdatedAt = now;
        return now;
    }

    private async Task<Written> StageStampedAsync(Journal journal, OrderIntentEntity intent, CancellationToken ct)
    {
        var db = journal.Db;
        var now = Stamp(intent);
        var children = BracketChildren(intent, now).ToList();
        db.OrderIntents.Add(intent);
        foreach (var child in children) db.OrderIntents.Add(child);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.Entry(intent).State = EntityState.Detached;
            foreach (var child in children) db.Entry(child).State = EntityState.Detached;
            var first = await db.OrderIntents.AsNoTracking().FirstAsync(i => i.IdempotencyKey == intent.IdempotencyKey, ct);
            return new Written(first, true);
        }
        journal.AfterCommit(() => events.Publish(new OrderIntentChanged(time.GetUtcNow(), intent.ToSnapshot())));
        return new Written(intent, false);
    }

    /// <summary>Inserts the intent (and its bracket children, as intents of their own) in one save.</summary>
    /// <param name="bracketChildren">False where the broker rests protection: the levels stay on the intent for the protection keeper.</param>
    public async Task<Written> InsertAsync(OrderIntentEntity intent, CancellationToken ct, bool bracketChildren = true)
    {
        var now = time.GetUtcNow().UtcDateTime;
        intent.Status = OrderIntentStatus.Pending;
        intent.CreatedAt = intent.UpdatedAt = now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await StampHeldMonthAsync(db, intent, ct);
        db.OrderIntents.Add(intent);
        if (bracketChildren) foreach (var child in BracketChildren(intent, now)) db.OrderIntents.Add(child);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var first = await fresh.OrderIntents.AsNoTracking().FirstAsync(i => i.IdempotencyKey == intent.IdempotencyKey, ct);
            return new Written(first, true);
        }
        events.Publish(new OrderIntentChanged(time.GetUtcNow(), intent.ToSnapshot()));
        return new Written(intent, false);
    }

    /// <summary>
    /// A position keeps its contract: an order on a continuous ticker for an account that holds the symbol (an exit, an
    /// add, its protection) trades the month the account holds, so after the roll it does not go to the new front month.
    /// An order that says its own month (a roll's new leg) keeps it; one from flat trades the front month.
    /// </summary>
    private async Task StampHeldMonthAsync(TradingDbContext db, OrderIntentEntity intent, CancellationToken ct)
    {
        if (!NeedsHeldMonth(intent)) return;
        StampHeldMonth(intent, await AccountHolding.ReadAsync(db, intent.AccountId, intent.Ticker, ct));
    }

    private bool NeedsHeldMonth(OrderIntentEntity intent) =>
        intent.ContractMonth is null && intent.Legs.Count == 0 && months.IsContinuous(intent.Ticker, out _);

    private void StampHeldMonth(OrderIntentEntity intent, AccountHolding? held)
    {
        if (!NeedsHeldMonth(intent) || held is not { Quantity: not 0 }) return;
        // A position opened before months were kept is in the month the rule gave on its opening date.
        intent.ContractMonth = held.ContractMonth ?? (held.OpenedAt is { } opened ? months.At(intent.Ticker, opened) : null);
    }

    /// <summary>A bracket's take-profit and stop are broker orders too; each gets an intent so its fills reach the account's book.</summary>
    private static IEnumerable<OrderIntentEntity> BracketChildren(OrderIntentEntity parent, DateTime now)
    {
        var exit = parent.Action == OrderAction.Buy ? OrderAction.Sell : OrderAction.Buy;
        if (parent.TakeProfitPrice is { } tp) yield return Child(parent, "tp", exit, OrderType.Limit, tp, null, now);
        if (parent.StopLossPrice is { } sl) yield return Child(parent, "sl", exit, OrderType.Stop, null, sl, now);
    }

    private static OrderIntentEntity Child(OrderIntentEntity parent, string leg, OrderAction action, OrderType type, decimal? limit, decimal? stop, DateTime now) => new()
    {
        IdempotencyKey = BracketKey(parent.IdempotencyKey, leg), AccountId = parent.AccountId, RecorderId = parent.RecorderId,
        SignalId = parent.SignalId, Source = "bracket", Ticker = parent.Ticker, ContractMonth = parent.ContractMonth, Action = action, Quantity = parent.Quantity, Type = type,
        LimitPrice = limit, StopPrice = stop, Status = OrderIntentStatus.Pending, CreatedAt = now, UpdatedAt = now,
    };
}

/// <summary>The account's book row in a symbol, as far as an order needs it (null: it never held the symbol).</summary>
internal sealed record AccountHolding(decimal Quantity, string? ContractMonth, DateTime? OpenedAt)
{
    public static Task<AccountHolding?> ReadAsync(TradingDbContext db, long accountId, string symbol, CancellationToken ct) => Read.For(db)(db, accountId, symbol, ct);

    // Read for every copied order (CompiledPerModel says why compiled).
    private static readonly CompiledPerModel<Func<TradingDbContext, long, string, CancellationToken, Task<AccountHolding?>>> Read = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, string symbol, CancellationToken ct) =>
            db.AccountPositions.Where(p => p.AccountId == accountId && p.Symbol == symbol)
                .Select(p => new AccountHolding(p.Quantity, p.ContractMonth, p.OpenedAt)).FirstOrDefault()));
}

internal static class OrderIntentMapping
{
    public static OrderIntentSnapshot ToSnapshot(this OrderIntentEntity i) => new(i.Id, i.IdempotencyKey, i.AccountId, i.RecorderId, i.Ticker,
        i.Action.ToString().ToLowerInvariant(), i.Quantity, i.Type.ToString().ToLowerInvariant(), i.Status.ToString(), i.BrokerOrderId,
        i.FilledQuantity, i.AvgFillPrice, i.Reason, i.CreatedAt, i.UpdatedAt);

    public static PlaceOrderRequest ToRequest(this OrderIntentEntity i, IReadOnlyList<ComboLeg>? legs) => new(
        i.IdempotencyKey, i.Ticker, i.Action, i.Quantity, i.Type, i.LimitPrice, i.StopPrice,
        i.TakeProfitPrice is null && i.StopLossPrice is null ? null : new Bracket(i.TakeProfitPrice, i.StopLossPrice),
        legs, i.ReferencePrice,
        // Protective orders rest until filled or cancelled, linked in their position's OCA group (derived from the key).
        TimeInForce: i.Source == Protection.ProtectionKeeper.Source ? TimeInForce.Gtc : TimeInForce.Day,
        OcaGroup: i.Source == Protection.ProtectionKeeper.Source ? Protection.ProtectionPlan.OcaGroupOf(i.IdempotencyKey) : null,
        ContractMonth: i.ContractMonth);

    public static decimal Signed(this OrderIntentEntity i, decimal quantity) => i.Action == OrderAction.Buy ? quantity : -quantity;
}
