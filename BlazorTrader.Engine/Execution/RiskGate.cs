using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Risk;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Checks an entry against the kill switch and the recorder's or account's limits for the current trading day
/// (the exchange date, so nothing needs resetting). Every denial is written to the audit log, published and
/// raised as a notification. Engine loop only.
/// </summary>
internal sealed class RiskGate(
    Book.TradingBook book,
    TradingCalendar calendar,
    Instruments.InstrumentCatalog instruments,
    KillSwitch killSwitch,
    NotificationDispatcher notifications,
    EngineEventHub events,
    TimeProvider time)
{
    public const string AuditCategory = "order-blocked";


    /// <summary>Null when the recorder may enter <paramref name="symbol"/> ending at <paramref name="resultingQuantity"/>; else the recorded reason.</summary>
    public async Task<string?> DenyRecorderEntryAsync(TradingDbContext db, RecorderEntity recorder, string symbol, decimal resultingQuantity, CancellationToken ct)
    {
        var day = Today(symbol);
        var reason = KillSwitchReason();
        if (reason is null)
        {
            // The book's counters: no query on the signal path.
            var extra = book.Limits(recorder.Id);
            var limits = new EntryLimitSet(recorder.MaxEntriesPerDay, recorder.BlockReentryAfterClose, extra?.MaxDailyLoss, extra?.MaxPositionSize);
            reason = EntryLimits.Deny(limits, book.Today.Of(recorder.Id, day, symbol), symbol, resultingQuantity, day);
        }
        if (reason is not null) await BlockedAsync(db, $"recorder '{recorder.Name}'", recorder.Id, null, symbol, reason, ct);
        return reason;
    }

    public async Task<string?> DenyAccountEntryAsync(TradingDbContext db, AccountEntity account, string symbol, decimal resultingQuantity,
        long? recorderId, CancellationToken ct)
    {
        var day = Today(symbol);
        var reason = KillSwitchReason();
        if (reason is null)
        {
            var l = account.Limits;
            var limits = new EntryLimitSet(l.MaxEntriesPerDay, l.BlockReentryAfterClose, l.MaxDailyLoss, l.MaxPositionSize);
            // The last few days, each row on its instrument's trade date (a futures session opens at 18:00 ET the day before).
            // Each count is read only for the limit that uses it: an account without day limits costs no query per entry.
            var since = time.GetUtcNow().UtcDateTime.AddDays(-4);
            var entries = limits.MaxEntriesPerDay is null ? 0 : (await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == account.Id && i.IsEntry && i.CreatedAt >= since
                && i.Status != OrderIntentStatus.Rejected && !(i.Status == OrderIntentStatus.Cancelled && i.FilledQuantity == 0))
                .Select(i => new { i.Ticker, i.CreatedAt }).ToListAsync(ct)).Count(i => TradeDate(i.Ticker, i.CreatedAt) == day);
            var closed = limits.BlockReentryAfterClose && (await db.AccountPositions.AsNoTracking()
                .Where(p => p.AccountId == account.Id && p.Symbol == symbol && p.LastClosedAt >= since)
                .Select(p => p.LastClosedAt).ToListAsync(ct)).Any(c => TradeDate(symbol, c!.Value) == day);
            var realized = limits.MaxDailyLoss is null ? 0m : (await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == account.Id && i.LastFillAt >= since)
                .Select(i => new { i.Ticker, i.LastFillAt, i.RealizedPnl }).ToListAsync(ct)).Where(i => TradeDate(i.Ticker, i.LastFillAt!.Value) == day).Sum(i => i.RealizedPnl);
            reason = EntryLimits.Deny(limits, new DayActivity(entries, closed, realized), symbol, resultingQuantity, day);
        }
        if (reason is not null) await BlockedAsync(db, $"account '{account.Name}'", recorderId, account.Id, symbol, reason, ct);
        return reason;
    }

    /// <summary>Writes the audit row, publishes the event and raises the notification for any blocked attempt.</summary>
    public async Task BlockedAsync(TradingDbContext db, string scope, long? recorderId, long? accountId, string symbol, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var message = $"Entry in {symbol} blocked for {scope}: {reason}";
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = AuditCategory, RecorderId = recorderId, Message = message });
        await db.SaveChangesAsync(ct);
        events.Publish(new OrderBlocked(now, scope, recorderId, accountId, symbol, reason));
        events.Publish(new LogEntry(now, EngineLogLevel.Warning, message, recorderId));
        notifications.Publish(NotificationKind.LimitHit, NotificationSeverity.Warning, "Entry blocked", message);
    }

    private string? KillSwitchReason() =>
        killSwitch.IsOn ? $"the kill switch is on{(killSwitch.State.Reason is { Length: > 0 } r ? $" ({r})" : "")}; no new entries" : null;

    /// <summary>The trade date the symbol's activity now counts on.</summary>
    private DateOnly Today(string symbol) => calendar.TradeDate(instruments.SpecFor(symbol), time.GetUtcNow());

    private DateOnly TradeDate(string symbol, DateTime utc) =>
        calendar.TradeDate(instruments.SpecFor(symbol), new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
