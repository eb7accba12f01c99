using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.Protection;

/// <summary>
/// Keeps each copied account position's stop and targets resting at its broker (brokers that
/// <see cref="IBroker.RestsProtection"/>), in step with the recorder. Each protective order is an intent (source
/// <see cref="Source"/>) whose key is the <see cref="ProtectionPlan"/> reference, so a restart finds it instead of placing
/// it again. After every report of the account's orders, and when the recorder's levels move (checked on the heartbeat),
/// the plan is compared with what rests (<see cref="ProtectionDiff"/>): placed, modified (by the same order id), or
/// cancelled. Engine loop only.
/// </summary>
internal sealed partial class ProtectionKeeper(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    LiveBookSync live,
    BrokerRegistry brokers,
    IntentWriter writer,
    OrderSubmitter submitter,
    NotificationDispatcher notifications,
    EngineEventHub events,
    TimeProvider time)
{
    public const string Source = "protection";
    public const string AuditCategory = "protection";

    /// <summary>What an engine exit waits with while the account's resting orders are being cancelled (never both go).</summary>
    public const string HeldReason = "waiting for the broker's protective orders to be cancelled";

    private static readonly TimeSpan DriftCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>The plan last carried out per account and symbol: the heartbeat compares the recorder's levels with it.</summary>
    private readonly Dictionary<(long AccountId, string Symbol), Applied> _applied = [];
    private DateTimeOffset _lastDriftCheck;

    private sealed record Applied(long PositionId, decimal Lots, int Round, IReadOnlySet<decimal> FilledTargets, IReadOnlyList<ProtectiveOrder> Orders);

    public readonly record struct SyncResult(int Placed, int Modified, int Cancelled, bool Unprotected);

    public bool Rests(long accountId) => brokers.TryGet(accountId, out var broker) && broker.RestsProtection;

    /// <summary>Keys of the account's protective orders working in the symbol (an engine exit waits until they are gone).</summary>
    public Task<List<string>> RestingKeysAsync(TradingDbContext db, long accountId, string symbol, CancellationToken ct) =>
        Open(db.OrderIntents.AsNoTracking(), accountId, symbol).Where(i => i.Source == Source).Select(i => i.IdempotencyKey).ToListAsync(ct);

    /// <summary>Cancels what rests so an engine exit can go; the exit is released once every one has ended (filled or cancelled).</summary>
    public void CancelForExit(long accountId, IReadOnlyList<string> keys)
    {
        foreach (var key in keys) _ = submitter.CancelAsync(accountId, key);
    }

    /// <summary>After a broker report of one of the account's orders: release a waiting exit, then bring the protection in line.</summary>
    public async Task AfterIntentChangedAsync(long accountId, string symbol, CancellationToken ct)
    {
        if (!Rests(accountId)) return;
        await ReleaseHeldExitsAsync(accountId, symbol, ct);
        await SyncAsync(accountId, symbol, repair: false, ct);
    }

    /// <summary>
    /// An engine exit held for the resting orders goes once none is left, resized to what the account still has to do:
    /// when the broker's stop or target filled meanwhile, it shrinks or is dropped, so the account ends flat once.
    /// </summary>
    public async Task ReleaseHeldExitsAsync(long accountId, string symbol, CancellationToken ct)
    {
        await using var journal = await Journal.BeginAsync(dbFactory, ReportAfterCommit, ct);
        var db = journal.Db;
        var open = await Open(db.OrderIntents, accountId, symbol).OrderBy(i => i.Id).ToListAsync(ct);
        var held = open.Where(i => i.Status == OrderIntentStatus.Pending && i.Reason == HeldReason).ToList();
        if (held.Count == 0 || open.Any(i => i.Source == Source)) return;
        var now = time.GetUtcNow();
        var holding = await BookQuantityAsync(db, accountId, symbol, ct);
        var heading = holding + open.Except(held).Sum(i => i.Signed(i.Quantity - i.FilledQuantity));
        foreach (var exit in held)
        {
            var target = TargetOf(exit, accountId, symbol) ?? Reduced(heading, exit);
            var needed = target - heading;
            exit.UpdatedAt = now.UtcDateTime;
            if (needed != 0 && Math.Sign(needed) == Math.Sign(exit.Signed(1)))
            {
                exit.Quantity = Math.Min(exit.Quantity, Math.Abs(needed));
                exit.Reason = null;
                heading += exit.Signed(exit.Quantity);
                var toSend = exit;
                journal.AfterCommit(() => submitter.Submit(toSend));
                continue;
            }
            exit.Status = OrderIntentLifecycle.Next(exit.Status, OrderIntentEvent.Cancelled);
            exit.Reason = "not sent: the broker's protective order closed the position first";
            exit.CompletedAt = now.UtcDateTime;
            Report(db, now, $"Account {accountId} {symbol}: the engine's exit (intent {exit.Id}) was not sent; the broker's protective order filled first", false);
        }
        await journal.CommitAsync(ct);
    }

    /// <summary>Compares the account's protection in the symbol with the plan and carries out the difference.</summary>
    /// <param name="repair">The protection check: also retries what the broker rejected before, and notifies each action.</param>
    public async Task<SyncResult> SyncAsync(long accountId, string symbol, bool repair, CancellationToken ct)
    {
        if (!Rests(accountId)) return default;
        await using var journal = await Journal.BeginAsync(dbFactory, ReportAfterCommit, ct);
        var db = journal.Db;
        var open = await Open(db.OrderIntents, accountId, symbol).ToListAsync(ct);
        // An exit on its way (or waiting for the resting orders to go) changes what needs protecting: its end comes back here.
        if (open.Any(i => i.Source != Source && (!i.IsEntry || i.Reason == HeldReason))) return default;
        var resting = open.Where(i => i.Source == Source).OrderByDescending(i => i.Id).ToList();
        var lots = await BookQuantityAsync(db, accountId, symbol, ct);
        var position = await ProtectedAsync(db, accountId, symbol, ct);

        IReadOnlyList<ProtectiveOrder> desired = [];
        List<History> history = [];
        var round = 0;
        IReadOnlySet<decimal> filledTargets = new HashSet<decimal>();
        List<OrderIntentEntity> mine = [];
        if (position is not null)
        {
            var prefix = ProtectionPlan.PositionPrefix(accountId, position.Id);
            history = await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == accountId && i.Source == Source && i.IdempotencyKey.StartsWith(prefix))
                .OrderBy(i => i.Id).Select(i => new History(i.IdempotencyKey, i.Status, i.Type, i.LimitPrice, i.FilledQuantity)).ToListAsync(ct);
            mine = [.. resting.Where(i => PositionOf(i.IdempotencyKey) == position.Id)];
            round = mine.Count > 0 ? Generation(mine[0].IdempotencyKey) : history.Count == 0 ? 0 : history.Max(h => Generation(h.Key)) + 1;
            // A target the account's own broker order filled is done for the account, whatever the recorder saw.
            filledTargets = history.Where(h => h.Type == OrderType.Limit && h.FilledQuantity > 0 && h.LimitPrice is not null).Select(h => h.LimitPrice!.Value).ToHashSet();
            desired = Plan(accountId, position, lots, round, filledTargets);
        }
        var byRef = mine.GroupBy(i => ProtectionPlan.BaseRef(i.IdempotencyKey)).ToDictionary(g => g.Key, g => g.First());
        var steps = ProtectionDiff.Compute(desired, byRef.Values.Select(View), accountId, position?.Id ?? 0).ToList();
        foreach (var orphan in resting.Except(mine))
            steps.Add(new ProtectionAction(ProtectionActionKind.Cancel, orphan.IdempotencyKey, null, "its position is no longer held"));

        var now = time.GetUtcNow();
        var sends = new List<Func<Task, Task>>();
        int placed = 0, modified = 0, cancelled = 0;
        var unprotected = false;
        foreach (var step in steps)
        {
            var intent = byRef.GetValueOrDefault(step.OrderRef) ?? resting.FirstOrDefault(i => i.IdempotencyKey == step.OrderRef);
            switch (step.Kind)
            {
                case ProtectionActionKind.Place when step.Order is { } order:
                    var tries = history.Where(h => ProtectionPlan.BaseRef(h.Key) == step.OrderRef).ToList();
                    // Never a loop of rejections: what the broker refused is placed again only by the protection check.
                    if (!repair && (tries.LastOrDefault()?.Status == OrderIntentStatus.Rejected || mine.Count == 0 && LastRoundRejected(history)))
                    {
                        unprotected = true;
                        continue;
                    }
                    var written = await writer.StageAsync(journal, new OrderIntentEntity
                    {
                        IdempotencyKey = tries.Count == 0 ? step.OrderRef : $"{step.OrderRef}:{tries.Count}", AccountId = accountId,
                        RecorderId = position!.RecorderId, Source = Source, Ticker = symbol, Action = order.Action, Quantity = order.Quantity,
                        Type = order.Type, LimitPrice = order.Type == OrderType.Limit ? order.Price : null,
                        StopPrice = order.Type == OrderType.Stop ? order.Price : null, ReferencePrice = position.ReferencePrice,
                    }, ct);
                    if (written.Duplicate) continue;
                    placed++;
                    sends.Add(after => submitter.Send(written.Intent, after: after));
                    break;
                case ProtectionActionKind.Modify when step.Order is { } order && intent is not null:
                    intent.Quantity = intent.FilledQuantity + order.Quantity;
                    if (order.Type == OrderType.Stop) intent.StopPrice = order.Price; else intent.LimitPrice = order.Price;
                    intent.UpdatedAt = now.UtcDateTime;
                    var request = new ModifyOrderRequest(intent.IdempotencyKey, intent.Quantity,
                        order.Type == OrderType.Limit ? order.Price : null, order.Type == OrderType.Stop ? order.Price : null);
                    modified++;
                    sends.Add(after => submitter.ModifyAsync(accountId, request, after));
                    break;
                case ProtectionActionKind.Cancel when intent is not null:
                    intent.Reason = $"cancel sent: {step.Why}";
                    intent.UpdatedAt = now.UtcDateTime;
                    var key = intent.IdempotencyKey;
                    cancelled++;
                    sends.Add(after => submitter.CancelAsync(accountId, key, after));
                    break;
                default:
                    continue;
            }
            Report(db, now, $"Account {accountId} {symbol}: protection {step}", repair);
        }
        if (unprotected)
            Report(db, now, $"Account {accountId} {symbol}: UNPROTECTED, the broker rejected its protective orders; the protection check (or \"place missing protection\") tries again", true);
        // In order, each after the previous one's answer: a new stop is at the broker before anything it replaces goes.
        journal.AfterCommit(() =>
        {
            var last = Task.CompletedTask;
            foreach (var send in sends) last = send(last);
        });
        await journal.CommitAsync(ct);
        if (position is null && desired.Count == 0) _applied.Remove((accountId, symbol));
        else _applied[(accountId, symbol)] = new Applied(position?.Id ?? 0, lots, round, filledTargets, desired);
        return new SyncResult(placed, modified, cancelled, unprotected);
    }

    /// <summary>The recorder moved a level (break-even, trailing step) without an order of the account: checked here, on the heartbeat.</summary>
    public async Task OnHeartbeatAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await WatchHeldExitsAsync(now, ct);
        if (_applied.Count == 0 || now - _lastDriftCheck < DriftCheckInterval) return;
        _lastDriftCheck = now;
        // An order's own bracket never moves by itself: only recorder levels (break-even, trailing) drift.
        foreach (var ((accountId, symbol), applied) in _applied.Where(a => a.Value.PositionId >= 0).ToList())
        {
            var position = RecorderPosition(accountId, symbol) is { } p ? Protectable.Of(p) : null;
            IReadOnlyList<ProtectiveOrder> desired = position is not null && position.Id == applied.PositionId
                ? Plan(accountId, position, applied.Lots, applied.Round, applied.FilledTargets) : [];
            if (!desired.SequenceEqual(applied.Orders)) await SyncAsync(accountId, symbol, repair: false, ct);
        }
    }

    /// <summary>
    /// The protection check: each account's protective orders at the broker against its intents and positions. An intent
    /// the broker no longer has is closed (and placed again below); a broker order no open intent owns is cancelled; then
    /// every symbol is brought in line with its plan. Each action: engine log, audit log, notification.
    /// </summary>
    /// <param name="accountId">Only this account (the Accounts page's "place missing protection"); every enabled one when null.</param>
    public async Task<ProtectionCheckOutcome> CheckAsync(long? accountId, CancellationToken ct)
    {
        int positions = 0, placed = 0, modified = 0, cancelled = 0;
        List<string> skipped = [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var accounts = await db.Accounts.AsNoTracking().Where(a => (a.Enabled || a.Id == accountId) && (accountId == null || a.Id == accountId)).ToListAsync(ct);
        if (accountId is { } wanted && accounts.Count == 0) skipped.Add($"there is no account {wanted}");
        foreach (var account in accounts)
        {
            if (!brokers.TryGet(account.Id, out var broker) || broker.ConnectionState != BrokerConnectionState.Connected)
            {
                skipped.Add($"'{account.Name}' is not connected");
                continue;
            }
            if (!broker.RestsProtection)
            {
                skipped.Add($"'{account.Name}': its broker rests no protective orders (the app's exits protect it)");
                continue;
            }
            IReadOnlyList<BrokerOrder> atBroker;
            try { atBroker = await broker.GetOpenOrdersAsync(ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Report(db, now, $"Account '{account.Name}': protection check skipped, open orders unavailable ({ex.Message})", true);
                await db.SaveChangesAsync(ct);
                skipped.Add($"'{account.Name}': open orders unavailable ({ex.Message})");
                continue;
            }
            var ours = atBroker.Where(o => ProtectionPlan.TryParseRef(o.ClientOrderRef, out var a, out _) && a == account.Id).ToList();
            var open = await db.OrderIntents.Where(i => i.AccountId == account.Id && i.Source == Source
                && (i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled)).ToListAsync(ct);
            var settled = (now - OrderSubmitter.SubmitTimeout).UtcDateTime;
            foreach (var intent in open.Where(i => i.CreatedAt <= settled && ours.All(o => o.ClientOrderRef != i.IdempotencyKey)))
            {
                intent.Status = OrderIntentLifecycle.Next(intent.Status, OrderIntentEvent.Cancelled);
                intent.Reason = "missing at the broker (protection check); placed again";
                intent.CompletedAt = intent.UpdatedAt = now.UtcDateTime;
                Report(db, now, $"Account '{account.Name}' {intent.Ticker}: protective order {intent.IdempotencyKey} is missing at the broker; placing it again", true);
            }
            foreach (var orphan in ours.Where(o => open.All(i => i.IdempotencyKey != o.ClientOrderRef)))
            {
                cancelled++;
                Report(db, now, $"Account '{account.Name}': protective order {orphan.ClientOrderRef} ({orphan.Type} {orphan.Quantity:0.####} {orphan.Symbol}) " +
                    "rests at the broker without a position it protects; cancelled", true);
                _ = submitter.CancelAsync(account.Id, orphan.ClientOrderRef);
            }
            await db.SaveChangesAsync(ct);
            var symbols = await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == account.Id && p.Quantity != 0).Select(p => p.Symbol)
                .Union(db.OrderIntents.AsNoTracking().Where(i => i.AccountId == account.Id && i.Source == Source
                    && (i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled))
                    .Select(i => i.Ticker)).ToListAsync(ct);
            foreach (var symbol in symbols.Distinct())
            {
                var result = await SyncAsync(account.Id, symbol, repair: true, ct);
                positions++;
                (placed, modified, cancelled) = (placed + result.Placed, modified + result.Modified, cancelled + result.Cancelled);
            }
        }
        return new ProtectionCheckOutcome(positions, placed, modified, cancelled, skipped);
    }

    /// <summary>IB refused a modify (10326 "OCA group revision is not allowed"): the replacement goes first, then the old order is cancelled.</summary>
    public async Task OnModifyRefusedAsync(BrokerModifyRefused command, CancellationToken ct)
    {
        await using var journal = await Journal.BeginAsync(dbFactory, ReportAfterCommit, ct);
        var db = journal.Db;
        var old = await db.OrderIntents.FirstOrDefaultAsync(i => i.AccountId == command.AccountId && i.IdempotencyKey == command.ClientOrderRef, ct);
        if (old is not { Source: Source } || !old.Status.IsOpen()) return;
        var baseRef = ProtectionPlan.BaseRef(old.IdempotencyKey);
        var revisions = await db.OrderIntents.AsNoTracking().CountAsync(i => i.AccountId == command.AccountId
            && (i.IdempotencyKey == baseRef || i.IdempotencyKey.StartsWith(baseRef + ":")), ct);
        var now = time.GetUtcNow();
        var written = await writer.StageAsync(journal, new OrderIntentEntity
        {
            IdempotencyKey = $"{baseRef}:{revisions}", AccountId = old.AccountId, RecorderId = old.RecorderId, Source = Source, Ticker = old.Ticker,
            Action = old.Action, Quantity = old.Quantity - old.FilledQuantity, Type = old.Type, LimitPrice = old.LimitPrice, StopPrice = old.StopPrice,
            ReferencePrice = old.ReferencePrice,
        }, ct);
        old.Reason = $"modify refused ({command.Reason}); replaced by {written.Intent.IdempotencyKey}";
        old.UpdatedAt = now.UtcDateTime;
        Report(db, now, $"Account {old.AccountId} {old.Ticker}: {old.IdempotencyKey} could not be modified ({command.Reason}); " +
            $"placing {written.Intent.IdempotencyKey} first, then cancelling it", false);
        journal.AfterCommit(() =>
        {
            var placed = written.Duplicate ? Task.CompletedTask : submitter.Send(written.Intent);
            _ = submitter.CancelAsync(old.AccountId, old.IdempotencyKey, after: placed);
        });
        await journal.CommitAsync(ct);
    }

    private sealed record History(string Key, OrderIntentStatus Status, OrderType Type, decimal? LimitPrice, decimal FilledQuantity);

    /// <summary>The last placement round ended with a rejection: a new round is not started on its own (no loop of rejections).</summary>
    private static bool LastRoundRejected(List<History> history) =>
        history.Count > 0 && history.Where(h => Generation(h.Key) == history.Max(x => Generation(x.Key))).Any(h => h.Status == OrderIntentStatus.Rejected);

    /// <summary>What one account protects in a symbol: a copied recorder position, or a manual or scheduled entry's own
    /// take-profit and stop (kept on the entry intent, placed here once it fills instead of as a DAY bracket).</summary>
    private sealed record Protectable(long Id, long? RecorderId, decimal? ReferencePrice, PositionEntity? Recorder, OrderIntentEntity? Entry)
    {
        public static Protectable Of(PositionEntity p) => new(p.Id, p.RecorderId, p.CurrentPrice, p, null);

        public static Protectable Of(OrderIntentEntity entry) => new(ProtectionPlan.OrderBracketId(entry.Id), null, entry.AvgFillPrice, null, entry);
    }

    private IReadOnlyList<ProtectiveOrder> Plan(long accountId, Protectable position, decimal lots, int round, IReadOnlySet<decimal> filledTargets)
    {
        if (position.Entry is { } entry)
        {
            var entrySide = entry.Action == OrderAction.Buy ? Side.Long : Side.Short;
            if (Math.Sign(lots) != (int)entrySide) return [];
            var size = Math.Abs(lots);
            ProtectedTarget[] target = entry.TakeProfitPrice is { } tp ? [new ProtectedTarget(tp, 100, filledTargets.Contains(tp))] : [];
            return ProtectionPlan.Desired(accountId, position.Id, lots, entrySide, [new ProtectedTrade(size, size, entry.StopLossPrice, target)], round);
        }
        var recorderPosition = position.Recorder!;
        var side = EntityMapping.ParseSide(recorderPosition.Side);
        if (Math.Sign(lots) != (int)side) return [];
        live.CopyLiveFields(recorderPosition);   // trailing and break-even stops live in the tick path until flushed
        var trades = recorderPosition.Trades.Where(t => t.Status == TradeStatus.Open).Select(t => new ProtectedTrade(t.Quantity, t.OpenQuantity, t.SlPrice,
            [.. t.TpTargets.Select(x => new ProtectedTarget(x.Price, x.Trim, x.HitAt is not null || filledTargets.Contains(x.Price)))])).ToList();
        return ProtectionPlan.Desired(accountId, recorderPosition.Id, lots, side, trades, round);
    }

    /// <summary>The copied recorder position first; otherwise the account's latest filled entry in the symbol when it is a
    /// manual or scheduled order with its own take-profit or stop (none while a recorder copies the symbol into the account).</summary>
    private async Task<Protectable?> ProtectedAsync(TradingDbContext db, long accountId, string symbol, CancellationToken ct)
    {
        if (RecorderPosition(accountId, symbol) is { } recorder) return Protectable.Of(recorder);
        if (book.Recorders.Any(r => r.Accounts.Any(l => l.AccountId == accountId) && book.OpenPosition(r.Id, symbol) is not null)) return null;
        var entry = await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == accountId && i.Ticker == symbol && i.IsEntry && i.Source != Source
                && (i.Status == OrderIntentStatus.Filled || i.Status == OrderIntentStatus.PartiallyFilled))
            .OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
        return entry is { RecorderId: null, Legs.Count: 0 } && (entry.TakeProfitPrice is not null || entry.StopLossPrice is not null) ? Protectable.Of(entry) : null;
    }

    /// <summary>The one recorder position the account copies in the symbol; none when several recorders share it (not protected).</summary>
    private PositionEntity? RecorderPosition(long accountId, string symbol)
    {
        PositionEntity? found = null;
        foreach (var recorder in book.Recorders.Where(r => r.Accounts.Any(l => l.AccountId == accountId)))
        {
            if (book.OpenPosition(recorder.Id, symbol) is not { } position) continue;
            if (found is not null) return null;
            found = position;
        }
        return found;
    }

    /// <summary>
    /// Where an exit of no recorder (a manual reduction, a time exit) takes the account: toward flat by its size, never past
    /// it; nothing when the broker's stop or target already took the account flat meanwhile.
    /// </summary>
    private static decimal Reduced(decimal heading, OrderIntentEntity exit)
    {
        var move = exit.Signed(exit.Quantity);
        if (heading == 0 || Math.Sign(move) == Math.Sign(heading)) return heading;
        return heading + Math.Sign(move) * Math.Min(Math.Abs(move), Math.Abs(heading));
    }

    /// <summary>The account's target in the symbol from the exit's recorder as it stands now (null when not a copy).</summary>
    private decimal? TargetOf(OrderIntentEntity exit, long accountId, string symbol) =>
        exit.RecorderId is { } id && book.Recorder(id)?.Accounts.FirstOrDefault(l => l.AccountId == accountId) is { } link
            ? CopyQuantity.Target(book.OpenPosition(id, symbol).ToState(), link.Multiplier) : null;

    private static BrokerOrder View(OrderIntentEntity i) => new(ProtectionPlan.BaseRef(i.IdempotencyKey), i.BrokerOrderId ?? "", i.Ticker, i.Action,
        i.Quantity, i.Type, BrokerOrderStatus.Working, i.FilledQuantity, i.AvgFillPrice, i.LimitPrice, i.StopPrice, ProtectionPlan.OcaGroupOf(i.IdempotencyKey));

    private static long PositionOf(string key) => ProtectionPlan.TryParseRef(key, out _, out var position) ? position : 0;

    private static int Generation(string key) => ProtectionPlan.TryParse(key, out _, out _, out var generation, out _) ? generation : 0;

    private static IQueryable<OrderIntentEntity> Open(IQueryable<OrderIntentEntity> intents, long accountId, string symbol) =>
        intents.Where(i => i.AccountId == accountId && i.Ticker == symbol && (i.Status == OrderIntentStatus.Pending
            || i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled));

    private static Task<decimal> BookQuantityAsync(TradingDbContext db, long accountId, string symbol, CancellationToken ct) =>
        db.AccountPositions.AsNoTracking().Where(p => p.AccountId == accountId && p.Symbol == symbol).Select(p => p.Quantity).FirstOrDefaultAsync(ct);

    private void Report(TradingDbContext db, DateTimeOffset now, string message, bool notify)
    {
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = AuditCategory, Message = message });
        events.Publish(new LogEntry(now, notify ? EngineLogLevel.Warning : EngineLogLevel.Info, message));
        if (notify) notifications.Publish(NotificationKind.ReconciliationDifference, NotificationSeverity.Warning, "Protection at the broker", message);
    }

    private void ReportAfterCommit(Exception ex) =>
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"After protection change: {ex.Message}"));
}
