using System.Globalization;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Risk;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// The end-of-day P&amp;L snapshot on the engine loop: one pnl_history point for every recorder (also the flat ones, so each
/// equity curve has a point per trading day) and a <see cref="NotificationKind.DailySummary"/>. Keyed in the audit log like a flatten.
/// </summary>
internal sealed class DailySnapshotHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    LiveBook book,
    TradingCalendar calendar,
    NotificationDispatcher notifications,
    EngineEventHub events,
    TimeProvider time)
{
    private const string Category = "daily-snapshot";

    public async Task<DailySnapshotOutcome> RecordAsync(RecordDailySnapshot command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.AuditLog.AnyAsync(a => a.Category == Category && a.Message.StartsWith(command.IdempotencyKey + " "), ct))
            return new DailySnapshotOutcome(true, 0, 0, 0);

        var now = time.GetUtcNow();
        var from = calendar.ToUtc(command.TradingDay, TimeOnly.MinValue).UtcDateTime;
        var to = calendar.ToUtc(command.TradingDay.AddDays(1), TimeOnly.MinValue).UtcDateTime;
        var recorders = await db.Recorders.AsNoTracking().Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var realized = (await db.Trades.AsNoTracking().Select(t => new { t.RecorderId, t.RealizedPnl }).ToListAsync(ct))
            .GroupBy(t => t.RecorderId).ToDictionary(g => g.Key, g => g.Sum(t => t.RealizedPnl));
        var closedToday = await db.Trades.AsNoTracking().Where(t => t.ClosedAt >= from && t.ClosedAt < to)
            .Select(t => new { t.RecorderId, t.RealizedPnl }).ToListAsync(ct);
        var unrealized = book.Positions.GroupBy(p => p.RecorderId).ToDictionary(g => g.Key, g => g.Sum(p => p.Unrealized));
        var accountsToday = (await db.OrderIntents.AsNoTracking().Where(i => i.LastFillAt >= from && i.LastFillAt < to)
            .Select(i => i.RealizedPnl).ToListAsync(ct)).Sum();

        var lines = new List<string>();
        foreach (var recorder in recorders)
        {
            var r = realized.GetValueOrDefault(recorder.Id);
            var u = unrealized.GetValueOrDefault(recorder.Id);
            var peak = await db.PnlHistory.Where(h => h.RecorderId == recorder.Id).OrderByDescending(h => h.Id).Select(h => h.PeakEquity).FirstOrDefaultAsync(ct);
            var equity = r + u;
            peak = Math.Max(Math.Max(peak, equity), 0);
            db.PnlHistory.Add(new PnlHistoryEntity
            {
                RecorderId = recorder.Id, At = now.UtcDateTime, RealizedPnl = r, UnrealizedPnl = u, Equity = equity, PeakEquity = peak, Drawdown = equity - peak,
            });
            var today = closedToday.Where(t => t.RecorderId == recorder.Id).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{recorder.Name}: {today.Sum(t => t.RealizedPnl):0.00} realized today in {today.Count} trade(s), {u:0.00} open, equity {equity:0.00}"));
        }
        var realizedToday = closedToday.Sum(t => t.RealizedPnl);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{command.TradingDay:yyyy-MM-dd}: recorders {realizedToday:0.00} realized in {closedToday.Count} closed trade(s); accounts {accountsToday:0.00} realized; {book.Count} position(s) open");
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = Category, Message = $"{command.IdempotencyKey} {summary}" });
        await db.SaveChangesAsync(ct);

        events.Publish(new LogEntry(now, EngineLogLevel.Info, $"Daily snapshot {summary}"));
        notifications.Publish(NotificationKind.DailySummary, NotificationSeverity.Info, $"Daily summary {command.TradingDay:yyyy-MM-dd}",
            string.Join(Environment.NewLine, lines.Prepend(summary)));
        return new DailySnapshotOutcome(false, recorders.Count, realizedToday, closedToday.Count);
    }
}
