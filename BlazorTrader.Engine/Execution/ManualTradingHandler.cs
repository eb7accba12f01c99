using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>Manual and scheduled orders, the kill switch and per-recorder limits, on the engine loop.</summary>
internal sealed class ManualTradingHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    Book.TradingBook book,
    IntentWriter writer,
    OrderSubmitter submitter,
    RiskGate risk,
    KillSwitch killSwitch,
    FlattenHandler flatten,
    Notifications.NotificationDispatcher notifications,
    Protection.ProtectionKeeper protection,
    EngineEventHub events,
    TimeProvider time)
{
    public async Task<PlaceOrderOutcome> PlaceAsync(PlaceOrder command, CancellationToken ct)
    {
        var t = command.Ticket;
        // A retry of an accepted request is answered before any limit: it must not be denied by its own first attempt.
        if (await writer.FindAsync(t.IdempotencyKey, ct) is { } known) return new PlaceOrderOutcome(PlaceOrderStatus.Duplicate, known.Id);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == t.AccountId, ct);
        if (account is null) return new PlaceOrderOutcome(PlaceOrderStatus.Invalid, Reason: $"there is no account {t.AccountId}");
        if (!account.Enabled) return new PlaceOrderOutcome(PlaceOrderStatus.Invalid, Reason: $"account '{account.Name}' is disabled");

        var expected = await OrderRouter.ExpectedPositionAsync(db, account.Id, t.Ticker, ct);
        var signed = t.Action == OrderAction.Buy ? t.Quantity : -t.Quantity;
        var (_, isEntry, closing) = CopyQuantity.Order(expected, expected + signed);
        if (isEntry && await risk.DenyAccountEntryAsync(db, account, t.Ticker, expected + signed, null, ct) is { } denied)
            return new PlaceOrderOutcome(PlaceOrderStatus.Denied, Reason: denied);

        // A manual order that reduces a position whose stop and targets rest at the broker waits until they are cancelled,
        // like an engine exit: never the broker's stop and this order both (a reversed account). A flip goes as it is.
        var resting = closing != 0 && !isEntry && t.Legs is not { Count: > 0 } && protection.Rests(account.Id)
            ? await protection.RestingKeysAsync(db, account.Id, t.Ticker, ct) : [];
        var written = await writer.InsertAsync(new OrderIntentEntity
        {
            IdempotencyKey = t.IdempotencyKey, AccountId = account.Id, Source = t.Source, Ticker = t.Ticker, Action = t.Action,
            Quantity = t.Quantity, Type = t.Type, LimitPrice = t.LimitPrice, StopPrice = t.StopPrice, ReferencePrice = t.ReferencePrice,
            TakeProfitPrice = t.Bracket?.TakeProfitPrice, StopLossPrice = t.Bracket?.StopLossPrice, IsEntry = isEntry,
            Reason = resting.Count > 0 ? Protection.ProtectionKeeper.HeldReason : null,
            Legs = t.Legs?.Select(l => new IntentLeg { Symbol = l.Symbol, Action = Combined(t.Action, l.Action), Ratio = l.Ratio }).ToList() ?? [],
        }, ct, bracketChildren: t.Legs is { Count: > 0 } || !protection.Rests(account.Id));
        if (written.Duplicate) return new PlaceOrderOutcome(PlaceOrderStatus.Duplicate, written.Intent.Id);
        if (resting.Count > 0) protection.CancelForExit(account.Id, resting);
        else submitter.Submit(written.Intent, t.Legs);
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
            $"{account.Name}: {t.Source} {t.Action.ToString().ToLowerInvariant()} {t.Quantity:0.####} {t.Ticker} {t.Type.ToString().ToLowerInvariant()}{(t.LimitPrice is { } limit ? $" {limit}" : "")} {(resting.Count > 0 ? $"held until its {resting.Count} protective order(s) are cancelled" : "sent")} (order {written.Intent.Id})"));
        return new PlaceOrderOutcome(PlaceOrderStatus.Accepted, written.Intent.Id);
    }

    /// <summary>Selling a combo sells its buy legs and buys its sell legs.</summary>
    private static OrderAction Combined(OrderAction order, OrderAction leg) =>
        order == OrderAction.Buy ? leg : leg == OrderAction.Buy ? OrderAction.Sell : OrderAction.Buy;

    /// <summary>The exit reason of the trades the kill switch closes.</summary>
    public const string KillSwitchReason = "kill switch";

    public async Task<KillSwitchState> SetKillSwitchAsync(SetKillSwitch command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var state = await killSwitch.SetAsync(db, command.On, command.Reason, now.UtcDateTime, ct);
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = "kill-switch", Message = $"Kill switch {(command.On ? "on" : "off")}{(command.Reason is null ? "" : $": {command.Reason}")}" });
        await db.SaveChangesAsync(ct);
        events.Publish(new KillSwitchChanged(now, command.On, command.Reason));
        var message = $"Kill switch {(command.On ? "ON: no new entries" : "off: entries allowed again")}{(command.Reason is null ? "" : $" ({command.Reason})")}";
        events.Publish(new LogEntry(now, command.On ? EngineLogLevel.Warning : EngineLogLevel.Info, message));
        notifications.Publish(Notifications.NotificationKind.Info, command.On ? Notifications.NotificationSeverity.Critical : Notifications.NotificationSeverity.Info, "Kill switch", message);
        // On this turn of the loop, so no entry slips in between the switch and the flatten.
        if (command is { On: true, FlattenKey: { } key }) await flatten.FlattenAsync(new FlattenAll($"kill:{key}", KillSwitchReason), ct);
        return state;
    }

    public async Task<bool> SetRecorderLimitsAsync(SetRecorderLimits command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (book.Recorder(command.RecorderId) is null) return false;
        var limits = await db.RecorderLimits.FirstOrDefaultAsync(l => l.RecorderId == command.RecorderId, ct);
        if (limits is null) db.RecorderLimits.Add(limits = new RecorderLimitsEntity { RecorderId = command.RecorderId });
        limits.MaxDailyLoss = command.MaxDailyLoss;
        limits.MaxPositionSize = command.MaxPositionSize;
        await db.SaveChangesAsync(ct);
        book.PutLimits(limits);
        return true;
    }
}
