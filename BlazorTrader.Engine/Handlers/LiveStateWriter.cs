using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// The batch side of the tick path: publishes repriced positions to readers a few times a second and
/// writes tick-driven fields (prices, unrealized, worst/best, MFE/MAE, moved stops) to the database
/// about once a second, plus a P&amp;L history point per recorder at a fixed interval. Never per tick.
/// </summary>
internal sealed class LiveStateWriter(
    IDbContextFactory<TradingDbContext> dbFactory,
    LiveBook book,
    TradingBook rows,
    LiveBookSync sync,
    EngineEventHub events,
    TimeProvider time,
    IOptions<MarketDataOptions> options)
{
    private readonly Dictionary<long, decimal> _peakEquity = [];
    private DateTimeOffset _lastFlush;
    private DateTimeOffset _lastHistory;
    private bool _publishPending;

    public bool HasUnsavedChanges => book.Positions.Any(p => p.Dirty || p.Trades.Any(t => t.Dirty));

    /// <summary>Called after ticks; remembers that readers need a repricing.</summary>
    public void MarkRepriced() => _publishPending = true;

    public async Task OnHeartbeatAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_publishPending)
        {
            _publishPending = false;
            events.Publish(new PositionsRepriced(now, book.Positions.Select(Snapshot).ToList()));
        }
        if (now - _lastFlush >= TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs)) await FlushAsync(ct);
        if (now - _lastHistory >= TimeSpan.FromSeconds(options.Value.PnlHistorySeconds)) await RecordHistoryAsync(now, ct);
    }

    /// <summary>Writes every dirty live field now (also before a command reads the same rows).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        _lastFlush = time.GetUtcNow();
        var dirtyPositions = book.Positions.Where(p => p.Dirty).ToList();
        var dirtyTrades = book.Positions.SelectMany(p => p.Trades).Where(t => t.Dirty).ToList();
        if (dirtyPositions.Count == 0 && dirtyTrades.Count == 0) return;

        // The rows are the book's: carry the live fields over and write only those columns, no read first.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var positionId in book.Positions.Where(p => p.Dirty || p.Trades.Any(t => t.Dirty)).Select(p => p.PositionId).ToList())
        {
            if (rows.OpenPosition(positionId) is not { } row) continue;
            sync.CopyLiveFields(row);
            var entry = db.Positions.Attach(row);
            foreach (var name in PositionLiveColumns) entry.Property(name).IsModified = true;
            foreach (var trade in row.Trades)
            {
                var tradeEntry = db.Entry(trade);
                foreach (var name in TradeLiveColumns) tradeEntry.Property(name).IsModified = true;
            }
        }
        await db.SaveChangesAsync(ct);
        // Clean only once saved: a failed write (a moved stop!) is written again by the next flush.
        foreach (var live in dirtyPositions) live.Dirty = false;
        foreach (var live in dirtyTrades) live.Dirty = false;
    }

    private async Task RecordHistoryAsync(DateTimeOffset now, CancellationToken ct)
    {
        _lastHistory = now;
        var byRecorder = book.Positions.GroupBy(p => p.RecorderId).ToDictionary(g => g.Key, g => g.Sum(p => p.Unrealized));
        if (byRecorder.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = byRecorder.Keys.ToList();
        var realized = (await db.Trades.AsNoTracking().Where(t => ids.Contains(t.RecorderId))
                .Select(t => new { t.RecorderId, t.RealizedPnl }).ToListAsync(ct))
            .GroupBy(t => t.RecorderId).ToDictionary(g => g.Key, g => g.Sum(t => t.RealizedPnl));
        foreach (var (recorderId, unrealized) in byRecorder)
        {
            var r = realized.GetValueOrDefault(recorderId);
            var equity = r + unrealized;
            if (!_peakEquity.TryGetValue(recorderId, out var peak))
                peak = await db.PnlHistory.Where(h => h.RecorderId == recorderId).OrderByDescending(h => h.Id).Select(h => h.PeakEquity).FirstOrDefaultAsync(ct);
            peak = Math.Max(Math.Max(peak, equity), 0);
            _peakEquity[recorderId] = peak;
            db.PnlHistory.Add(new PnlHistoryEntity
            {
                RecorderId = recorderId, At = now.UtcDateTime, RealizedPnl = r, UnrealizedPnl = unrealized,
                Equity = equity, PeakEquity = peak, Drawdown = equity - peak,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static readonly string[] PositionLiveColumns =
        [nameof(PositionEntity.CurrentPrice), nameof(PositionEntity.UnrealizedPnl), nameof(PositionEntity.WorstUnrealizedPnl), nameof(PositionEntity.BestUnrealizedPnl)];

    private static readonly string[] TradeLiveColumns =
        [nameof(TradeEntity.Mfe), nameof(TradeEntity.Mae), nameof(TradeEntity.SlPrice), nameof(TradeEntity.SlKind), nameof(TradeEntity.BestPrice)];

    internal static void Copy(LivePosition live, PositionEntity row)
    {
        row.CurrentPrice = live.CurrentPrice;
        row.UnrealizedPnl = live.Unrealized;
        row.WorstUnrealizedPnl = live.Worst;
        row.BestUnrealizedPnl = live.Best;
    }

    internal static void Copy(LiveTrade live, TradeEntity row)
    {
        row.Mfe = live.Mfe;
        row.Mae = live.Mae;
        row.SlPrice = live.Stop;
        row.SlKind = live.StopKind.ToString();
        row.BestPrice = live.BestPrice;
    }

    private static PositionSnapshot Snapshot(LivePosition p) => new(p.PositionId, p.RecorderId, p.Symbol, p.Side.ToString().ToLowerInvariant(),
        p.Quantity, p.AverageEntry, p.CurrentPrice, p.Unrealized, p.Realized, p.Worst, p.Best, TradeStatus.Open, p.OpenedAt, null, p.DecisionsPaused);
}
