using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// The account follows its recorders, whatever died when. At start (after reconciliation) and on request, for each
/// copy-traded account and symbol: target = the linked recorders' positions x multipliers, against the account's book
/// plus its working orders. A difference that reduces exposure is always sent (an exit is never dropped); one that adds
/// exposure is sent only while the recorder's last signal in the symbol is younger than
/// <see cref="ExecutionOptions.MaxEntryDelaySeconds"/> (or when the trader asks), else it is reported and left alone.
/// </summary>
internal sealed class AccountFollower(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    IntentWriter writer,
    OrderSubmitter submitter,
    BrokerRegistry brokers,
    NotificationDispatcher notifications,
    EngineEventHub events,
    TimeProvider time,
    IOptions<ExecutionOptions> options)
{
    public const string AuditCategory = "reconciliation";

    /// <param name="onlyAccountId">Only this account (the trader's "sync account to recorder"); null = every account.</param>
    /// <param name="entriesAllowed">The trader asked: entries go whatever their age.</param>
    public async Task<AccountSyncOutcome> FollowAsync(long? onlyAccountId, bool entriesAllowed, CancellationToken ct)
    {
        await using var journal = await Journal.BeginAsync(dbFactory,
            ex => events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"After account sync: {ex.Message}")), ct);
        var db = journal.Db;
        var now = time.GetUtcNow();
        var targets = Targets(onlyAccountId);
        // Symbols the account holds from copy trading but its recorders no longer do: their target is flat.
        var linked = targets.Keys.Select(k => k.AccountId).Concat(LinkedAccounts(onlyAccountId)).Distinct().ToList();
        var copied = await db.OrderIntents.AsNoTracking().Where(i => linked.Contains(i.AccountId) && i.RecorderId != null)
            .Select(i => new { i.AccountId, i.Ticker }).Distinct().ToListAsync(ct);
        foreach (var c in copied) targets.TryAdd((c.AccountId, c.Ticker), 0);

        var sent = new List<long>();
        var reported = 0;
        foreach (var ((accountId, symbol), target) in targets)
        {
            if (!brokers.TryGet(accountId, out _)) continue;   // disabled or unknown: left as it is
            var expected = await OrderRouter.ExpectedPositionAsync(db, accountId, symbol, ct);
            var (order, isEntry, closing) = CopyQuantity.Order(expected, target);
            if (order == 0) continue;
            if (isEntry && !entriesAllowed && !await RecentSignalAsync(db, accountId, symbol, now, ct))
            {
                reported++;
                Report(db, now, $"Account {accountId} {symbol}: holds {expected:0.####} (with working orders), its recorders say {target:0.####}; " +
                    $"the entry is older than {options.Value.MaxEntryDelaySeconds} s and was not sent. Use \"sync account to recorder\" to send it.");
                order = closing;
                if (order == 0) continue;
            }
            var written = await writer.StageAsync(journal, new OrderIntentEntity
            {
                IdempotencyKey = $"follow:{accountId}:{symbol}:{now.UtcTicks}", AccountId = accountId, Source = "sync", Ticker = symbol,
                RecorderId = RecorderOf(accountId, symbol), Action = order > 0 ? OrderAction.Buy : OrderAction.Sell, Quantity = Math.Abs(order),
                Type = OrderType.Market, IsEntry = isEntry && order != closing, ReferencePrice = ReferencePrice(accountId, symbol),
            }, ct);
            if (written.Duplicate) continue;
            sent.Add(written.Intent.Id);
            Report(db, now, $"Account {accountId} {symbol}: moved from {expected:0.####} toward its recorders' {target:0.####} " +
                $"({(order > 0 ? "buy" : "sell")} {Math.Abs(order):0.####}, intent {written.Intent.Id})");
            journal.AfterCommit(() => submitter.Submit(written.Intent));
        }
        await journal.CommitAsync(ct);
        return new AccountSyncOutcome(sent, reported);
    }

    private Dictionary<(long AccountId, string Symbol), decimal> Targets(long? onlyAccountId)
    {
        var targets = new Dictionary<(long, string), decimal>();
        foreach (var recorder in book.Recorders)
        foreach (var link in recorder.Accounts.Where(l => onlyAccountId is null || l.AccountId == onlyAccountId))
        foreach (var position in book.OpenPositionsOf(recorder.Id))
        {
            var key = (link.AccountId, position.Ticker);
            targets[key] = targets.GetValueOrDefault(key) + CopyQuantity.Target(position.ToState(), link.Multiplier);
        }
        return targets;
    }

    private IEnumerable<long> LinkedAccounts(long? onlyAccountId) =>
        book.Recorders.SelectMany(r => r.Accounts).Select(l => l.AccountId).Where(id => onlyAccountId is null || id == onlyAccountId);

    /// <summary>The recorder's last price in the symbol: what a paper fill and the slippage report start from.</summary>
    private decimal? ReferencePrice(long accountId, string symbol) =>
        RecorderOf(accountId, symbol) is { } id && book.OpenPosition(id, symbol) is { } p ? p.CurrentPrice ?? p.AvgEntryPrice : null;

    private long? RecorderOf(long accountId, string symbol) =>
        book.Recorders.FirstOrDefault(r => r.Accounts.Any(l => l.AccountId == accountId)
            && book.OpenPosition(r.Id, symbol) is not null)?.Id;

    /// <summary>True when a linked recorder's last accepted signal in the symbol is younger than the entry delay.</summary>
    private async Task<bool> RecentSignalAsync(TradingDbContext db, long accountId, string symbol, DateTimeOffset now, CancellationToken ct)
    {
        var recorders = book.Recorders.Where(r => r.Accounts.Any(l => l.AccountId == accountId)).Select(r => r.Id).ToList();
        var since = (now - options.Value.MaxEntryDelay).UtcDateTime;
        return await db.Signals.AsNoTracking().AnyAsync(s => recorders.Contains(s.RecorderId) && s.Ticker == symbol
            && s.Status == SignalStatus.Accepted && s.ReceivedAt >= since, ct);
    }

    private void Report(TradingDbContext db, DateTimeOffset now, string message)
    {
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = AuditCategory, Message = message });
        events.Publish(new LogEntry(now, EngineLogLevel.Warning, message));
        notifications.Publish(NotificationKind.ReconciliationDifference, NotificationSeverity.Warning, "Account follows its recorder", message);
    }
}


