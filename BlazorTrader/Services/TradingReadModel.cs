using BlazorTrader.Endpoints;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Reports;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Services;

/// <summary>Trade filter of the Trades page and its CSV export. Dates are trading days in the exchange time zone.</summary>
public sealed record TradeFilter(long? RecorderId = null, string? Ticker = null, DateOnly? From = null, DateOnly? To = null, TradeOutcome Outcome = TradeOutcome.All);

public enum TradeOutcome { All, Win, Loss, Scratch, Open }

/// <summary>An account's booked position (the engine's account book, moved by the broker's fills), for the Control Center.</summary>
/// <param name="ContractMonth">The month a continuous-futures position is held in (yyyyMM), when the book knows it.</param>
public sealed record AccountPositionRow(long AccountId, string AccountName, string Symbol, decimal Quantity, decimal AvgPrice, DateTime? OpenedAt,
    string? ContractMonth = null);

/// <summary>
/// What an account realized today (exchange trading day, from its fills), and the part of it that copied each recorder:
/// set beside the recorder's own figure, the difference is the slippage between signal prices and fills.
/// </summary>
public sealed record AccountDay(long AccountId, string AccountName, decimal RealizedToday, IReadOnlyDictionary<long, decimal> RealizedByRecorder);

/// <summary>One trade close: when (UTC), whose, and what it realized.</summary>
public sealed record ClosedTradePoint(DateTime ClosedAt, long RecorderId, decimal RealizedPnl);

/// <summary>
/// History the UI shows, read from the database (never per tick: pages load on navigation and
/// reload on engine events at most a few times a second). Writes go through engine commands only.
/// </summary>
public sealed class TradingReadModel(IDbContextFactory<TradingDbContext> dbFactory, PnlSeries pnl, TradingCalendar calendar, TimeProvider time)
{
    /// <summary>Most rows a page loads at once; older history is in the REST API and the CSV export.</summary>
    public const int MaxRows = 5000;

    public DateOnly Today => calendar.TradingDay(time.GetUtcNow());

    /// <summary>Exchange sessions (NYSE calendar): weekends and holidays are not trading days.</summary>
    public bool IsTradingDay(DateOnly date) => calendar.IsTradingDay(date);

    private DateTime StartUtc(DateOnly day) => calendar.ToUtc(day, TimeOnly.MinValue).UtcDateTime;

    public async Task<List<RecorderEntity>> RecordersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Recorders.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
    }

    public async Task<RecorderEntity?> RecorderAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Recorders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Realized P&amp;L of trades closed today (exchange time zone), per recorder.</summary>
    public async Task<Dictionary<long, decimal>> TodayRealizedByRecorderAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = StartUtc(Today);
        var rows = await db.Trades.AsNoTracking().Where(t => t.ClosedAt != null && t.ClosedAt >= start)
            .Select(t => new { t.RecorderId, t.RealizedPnl }).ToListAsync(ct);
        return rows.GroupBy(r => r.RecorderId).ToDictionary(g => g.Key, g => g.Sum(r => r.RealizedPnl));
    }

    public async Task<List<TradeEntity>> TradesAsync(TradeFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Trades.AsNoTracking();
        if (filter.RecorderId is { } id) query = query.Where(t => t.RecorderId == id);
        if (!string.IsNullOrWhiteSpace(filter.Ticker))
        {
            var ticker = filter.Ticker.Trim().ToUpperInvariant();
            query = query.Where(t => t.Ticker.ToUpper().Contains(ticker));
        }
        if (filter.From is { } from) { var utc = StartUtc(from); query = query.Where(t => t.OpenedAt >= utc); }
        if (filter.To is { } to) { var utc = StartUtc(to.AddDays(1)); query = query.Where(t => t.OpenedAt < utc); }
        if (filter.Outcome == TradeOutcome.Open) query = query.Where(t => t.Status == TradeStatus.Open);
        else if (filter.Outcome != TradeOutcome.All) query = query.Where(t => t.Status == TradeStatus.Closed);
        var trades = await query.OrderByDescending(t => t.Id).Take(MaxRows).ToListAsync(ct);
        // SQLite cannot compare decimals in SQL; the outcome is decided here.
        return filter.Outcome switch
        {
            TradeOutcome.Win => trades.Where(t => t.RealizedPnl > 0).ToList(),
            TradeOutcome.Loss => trades.Where(t => t.RealizedPnl < 0).ToList(),
            TradeOutcome.Scratch => trades.Where(t => t.RealizedPnl == 0).ToList(),
            _ => trades,
        };
    }

    public async Task<List<AccountEntity>> AccountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Every enabled account's open positions as its book holds them, by account then symbol.</summary>
    public async Task<List<AccountPositionRow>> OpenAccountPositionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.Enabled).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var rows = await db.AccountPositions.AsNoTracking().Where(p => p.Quantity != 0).ToListAsync(ct);
        return [.. rows.Where(p => accounts.ContainsKey(p.AccountId)).OrderBy(p => p.AccountId).ThenBy(p => p.Symbol)
            .Select(p => new AccountPositionRow(p.AccountId, accounts[p.AccountId], p.Symbol, p.Quantity, p.AvgPrice, p.OpenedAt, p.ContractMonth))];
    }

    /// <summary>Orders the broker may still fill (pending, working, partly filled), newest first.</summary>
    public async Task<List<OrderIntentEntity>> WorkingOrdersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrderIntents.AsNoTracking().Where(i => i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted
            || i.Status == OrderIntentStatus.PartiallyFilled).OrderByDescending(i => i.Id).Take(MaxRows).ToListAsync(ct);
    }

    /// <summary>Realized P&amp;L of each account's fills today (exchange time zone), in total and per recorder it copied.</summary>
    public async Task<List<AccountDay>> AccountsTodayAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = StartUtc(Today);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var fills = await db.OrderIntents.AsNoTracking().Where(i => i.LastFillAt != null && i.LastFillAt >= start)
            .Select(i => new { i.AccountId, i.RecorderId, i.RealizedPnl }).ToListAsync(ct);
        return [.. accounts.Select(a =>
        {
            var mine = fills.Where(f => f.AccountId == a.Id).ToList();
            var byRecorder = mine.Where(f => f.RecorderId is not null).GroupBy(f => f.RecorderId!.Value).ToDictionary(g => g.Key, g => g.Sum(f => f.RealizedPnl));
            return new AccountDay(a.Id, a.Name, mine.Sum(f => f.RealizedPnl), byRecorder);
        })];
    }

    /// <summary>An account's most recent order intents, newest first.</summary>
    public async Task<List<OrderIntentEntity>> OrderIntentsAsync(long accountId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == accountId).OrderByDescending(i => i.Id).Take(count).ToListAsync(ct);
    }

    public async Task<List<SignalEntity>> SignalsAsync(long recorderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Signals.AsNoTracking().Where(s => s.RecorderId == recorderId).OrderByDescending(s => s.Id).Take(MaxRows).ToListAsync(ct);
    }

    public async Task<List<PositionEntity>> PositionsAsync(long recorderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Positions.AsNoTracking().Where(p => p.RecorderId == recorderId).OrderByDescending(p => p.Id).Take(MaxRows).ToListAsync(ct);
    }

    /// <summary>
    /// The live log's history after a restart (the engine's log lines live in memory only): the newest audit-log rows
    /// (blocked entries, kill switch, reconciliation, flatten, snapshots), signals and trade closes, newest last.
    /// </summary>
    public async Task<List<BlazorTrader.Engine.Events.LogEntry>> RecentActivityAsync(int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var audit = await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Id).Take(count)
            .Select(a => new { a.At, a.Category, a.Message, a.RecorderId }).ToListAsync(ct);
        var signals = await db.Signals.AsNoTracking().OrderByDescending(s => s.Id).Take(count)
            .Select(s => new { s.ReceivedAt, s.RecorderId, s.Action, s.Ticker, s.Quantity, s.Status, s.Reason }).ToListAsync(ct);
        var closes = await db.Trades.AsNoTracking().Where(t => t.ClosedAt != null).OrderByDescending(t => t.ClosedAt).Take(count)
            .Select(t => new { t.ClosedAt, t.RecorderId, t.Ticker, t.Side, t.Quantity, t.ExitReason, t.RealizedPnl }).ToListAsync(ct);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
        var entries = audit.Select(a => new BlazorTrader.Engine.Events.LogEntry(Utc(a.At), BlazorTrader.Engine.Events.EngineLogLevel.Warning, $"{a.Category}: {a.Message}", a.RecorderId))
            .Concat(signals.Select(s => new BlazorTrader.Engine.Events.LogEntry(Utc(s.ReceivedAt),
                s.Status == SignalStatus.Accepted ? BlazorTrader.Engine.Events.EngineLogLevel.Info : BlazorTrader.Engine.Events.EngineLogLevel.Warning,
                $"Signal {s.Action} {s.Ticker}{(s.Quantity is { } q ? " x" + q.ToString("0.####", inv) : "")}: {s.Status}{(s.Reason is { Length: > 0 } r ? $" ({r})" : "")}", s.RecorderId)))
            .Concat(closes.Select(t => new BlazorTrader.Engine.Events.LogEntry(Utc(t.ClosedAt!.Value), BlazorTrader.Engine.Events.EngineLogLevel.Info,
                $"Trade closed: {t.Side} {t.Quantity.ToString("0.####", inv)} {t.Ticker}, {t.ExitReason ?? "closed"}, {BlazorTrader.Components.Shared.Fmt.Pnl(t.RealizedPnl)}", t.RecorderId)));
        return [.. entries.OrderBy(e => e.At).TakeLast(count)];
    }

    /// <summary>Trades closed on one trading day (exchange time zone), newest first: what a click on a calendar day shows.</summary>
    public async Task<List<TradeEntity>> TradesClosedOnAsync(DateOnly day, long? recorderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (from, to) = (StartUtc(day), StartUtc(day.AddDays(1)));
        var query = db.Trades.AsNoTracking().Where(t => t.ClosedAt != null && t.ClosedAt >= from && t.ClosedAt < to);
        if (recorderId is { } id) query = query.Where(t => t.RecorderId == id);
        return await query.OrderByDescending(t => t.ClosedAt).Take(MaxRows).ToListAsync(ct);
    }

    /// <summary>Every trade close (time, recorder, realized P&amp;L) in order: the points of the intraday equity curve.</summary>
    public async Task<List<ClosedTradePoint>> ClosedTradePointsAsync(long? recorderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Trades.AsNoTracking().Where(t => t.ClosedAt != null);
        if (recorderId is { } id) query = query.Where(t => t.RecorderId == id);
        var rows = await query.OrderByDescending(t => t.ClosedAt).Take(MaxRows).Select(t => new { t.ClosedAt, t.RecorderId, t.RealizedPnl }).ToListAsync(ct);
        return [.. rows.Select(r => new ClosedTradePoint(DateTime.SpecifyKind(r.ClosedAt!.Value, DateTimeKind.Utc), r.RecorderId, r.RealizedPnl)).OrderBy(p => p.ClosedAt)];
    }

    /// <summary>Statistics over every closed trade of a recorder (or of all recorders).</summary>
    public async Task<TradeStatistics> StatisticsAsync(long? recorderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Trades.AsNoTracking().Where(t => t.Status == TradeStatus.Closed && t.ClosedAt != null);
        if (recorderId is { } id) query = query.Where(t => t.RecorderId == id);
        var rows = await query.Select(t => new { t.ClosedAt, t.RealizedPnl, t.Mfe, t.Mae }).ToListAsync(ct);
        return TradeStatistics.Compute(rows.Select(r => new ClosedTradeResult(r.ClosedAt!.Value, r.RealizedPnl, r.Mfe, r.Mae)));
    }

    /// <summary>Realized P&amp;L per trading day with the running total and drawdown (the /api/pnl series).</summary>
    public async Task<List<PnlSeries.Day>> DailyPnlAsync(long? recorderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trades = db.Trades.AsQueryable();
        if (recorderId is { } id) trades = trades.Where(t => t.RecorderId == id);
        return await pnl.DailyAsync(trades, ct);
    }
}
