using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Book;

/// <summary>
/// Fills the <see cref="TradingBook"/> from the database: at start, when an instance takes the lead, and after a
/// failed commit. What it reads is bounded by what is open or recent, so start-up does not grow with history.
/// </summary>
internal sealed class BookLoader(TradingBook book, TradingCalendar calendar, Instruments.InstrumentCatalog instruments, TimeProvider time)
{
    public async Task LoadAsync(TradingDbContext db, CancellationToken ct)
    {
        book.Clear();
        foreach (var recorder in await db.Recorders.AsNoTracking().ToListAsync(ct)) book.PutRecorder(recorder);
        foreach (var limits in await db.RecorderLimits.AsNoTracking().ToListAsync(ct)) book.PutLimits(limits);
        var open = await db.Positions.AsNoTracking().Include(p => p.Trades.Where(t => t.Status == TradeStatus.Open))
            .Where(p => p.Status == TradeStatus.Open).ToListAsync(ct);
        foreach (var position in open)
        {
            position.Trades.Sort((a, b) => a.OpenedAt != b.OpenedAt ? a.OpenedAt.CompareTo(b.OpenedAt) : a.Id.CompareTo(b.Id));
            book.Settle(position);
        }
        await LoadRecentSignalsAsync(db, ct);
        await LoadTodayAsync(db, ct);
    }

    private async Task LoadRecentSignalsAsync(TradingDbContext db, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - SignalMemory.Horizon;
        var signals = await db.Signals.AsNoTracking().Where(s => s.ReceivedAt >= since).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.RecorderId, s.ReceivedAt, s.IdempotencyKey, s.PayloadHash }).ToListAsync(ct);
        if (signals.Count == 0) return;
        var firstId = signals[0].Id;
        var intents = (await db.OrderIntents.AsNoTracking().Where(i => i.SignalId >= firstId && i.Source != "bracket")
                .Select(i => new { i.Id, i.SignalId }).ToListAsync(ct))
            .ToLookup(i => i.SignalId!.Value, i => i.Id);
        foreach (var s in signals)
        {
            var known = new KnownSignal(s.Id, s.RecorderId, s.ReceivedAt);
            known.IntentIds.AddRange(intents[s.Id].Order());
            book.Signals.Remember(s.IdempotencyKey, s.PayloadHash, known);
        }
    }

    /// <summary>Today's entries, realized P&amp;L and closed symbols per recorder, for the entry limits.</summary>
    private async Task LoadTodayAsync(TradingDbContext db, CancellationToken ct)
    {
        // Each row counts on its instrument's trade date (a futures session opens at 18:00 ET the evening before), so the
        // last few days are read and sorted by that date; the limits look up the date of the symbol being entered.
        var start = time.GetUtcNow().UtcDateTime.AddDays(-4);
        var entries = await db.Trades.AsNoTracking().Where(t => t.OpenedAt >= start).Select(t => new { t.RecorderId, t.Ticker, t.OpenedAt }).ToListAsync(ct);
        foreach (var e in entries) book.Today.Entered(e.RecorderId, TradeDate(e.Ticker, e.OpenedAt));
        var realized = await db.Trades.AsNoTracking().Where(t => t.ClosedAt >= start)
            .Select(t => new { t.RecorderId, t.Ticker, t.ClosedAt, t.RealizedPnl }).ToListAsync(ct);
        foreach (var r in realized) book.Today.Realized(r.RecorderId, TradeDate(r.Ticker, r.ClosedAt!.Value), r.RealizedPnl);
        var closed = await db.Positions.AsNoTracking().Where(p => p.Status == TradeStatus.Closed && p.ClosedAt >= start)
            .Select(p => new { p.RecorderId, p.Ticker, p.ClosedAt }).ToListAsync(ct);
        foreach (var c in closed) book.Today.Closed(c.RecorderId, TradeDate(c.Ticker, c.ClosedAt!.Value), c.Ticker);
    }

    private DateOnly TradeDate(string symbol, DateTime utc) =>
        calendar.TradeDate(instruments.SpecFor(symbol), new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
