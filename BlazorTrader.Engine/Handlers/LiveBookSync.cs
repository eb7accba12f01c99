using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Risk;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// Rebuilds the in-memory <see cref="LiveBook"/> from the database: all open positions at start, and
/// each position a command just changed. The database is the truth; the book is its fast copy.
/// </summary>
internal sealed class LiveBookSync(LiveBook book, InstrumentCatalog instruments)
{
    /// <summary>Which price each rebuilt trade saw last (kept across a rebuild: it decides what an opening price is).</summary>
    private readonly Dictionary<long, (bool Seen, long AtUtcTicks)> _seen = [];

    public async Task LoadAllAsync(TradingDbContext db, CancellationToken ct)
    {
        book.Clear();
        await ReloadAsync(db, db.Positions.Where(p => p.Status == TradeStatus.Open), ct, restored: true);
    }

    public Task ReloadAsync(TradingDbContext db, IReadOnlyCollection<long> positionIds, CancellationToken ct)
    {
        foreach (var id in positionIds) Forget(id);
        return ReloadAsync(db, db.Positions.Where(p => positionIds.Contains(p.Id) && p.Status == TradeStatus.Open), ct, restored: false);
    }

    /// <summary>After a recorder's settings changed (trailing, break-even) or it was deleted.</summary>
    public async Task ReloadRecorderAsync(TradingDbContext db, long recorderId, CancellationToken ct)
    {
        foreach (var id in book.Positions.Where(p => p.RecorderId == recorderId).Select(p => p.PositionId).ToList()) Forget(id);
        await ReloadAsync(db, db.Positions.Where(p => p.RecorderId == recorderId && p.Status == TradeStatus.Open), ct, restored: false);
    }

    private void Forget(long positionId)
    {
        if (book.TryGet(positionId, out var old))
            foreach (var trade in old.Trades) _seen[trade.TradeId] = (trade.PriceSeen, trade.LastSeenUtcTicks);
        book.Remove(positionId);
    }

    private async Task ReloadAsync(TradingDbContext db, IQueryable<PositionEntity> query, CancellationToken ct, bool restored)
    {
        var positions = await query.AsNoTracking().Include(p => p.Trades.Where(t => t.Status == TradeStatus.Open)).ToListAsync(ct);
        if (positions.Count > 0)
        {
            var recorderIds = positions.Select(p => p.RecorderId).Distinct().ToList();
            var recorders = await db.Recorders.AsNoTracking().Where(r => recorderIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            foreach (var p in positions) book.Upsert(Build(p, recorders[p.RecorderId], restored));
        }
        _seen.Clear();
    }

    private LivePosition Build(PositionEntity p, RecorderEntity recorder, bool restored)
    {
        var spec = instruments.SpecFor(p.Ticker);
        var live = new LivePosition
        {
            PositionId = p.Id, RecorderId = p.RecorderId, Symbol = p.Ticker, Side = EntityMapping.ParseSide(p.Side),
            Quantity = p.TotalQuantity, AverageEntry = p.AvgEntryPrice, Grid = new PriceGrid(spec.TickSize, spec.TickValue), CurrentPrice = p.CurrentPrice,
            Unrealized = p.UnrealizedPnl, Worst = p.WorstUnrealizedPnl, Best = p.BestUnrealizedPnl, Realized = p.RealizedPnl,
            OpenedAt = p.OpenedAt,
            PauseOnLateData = recorder.PauseExitsOnDelayedData,
        };
        foreach (var t in p.Trades.OrderBy(t => t.OpenedAt).ThenBy(t => t.Id))
        {
            var trade = BuildTrade(t, recorder, spec);
            // A trade restored at start was priced before (time unknown); a new one has seen no price yet.
            if (_seen.TryGetValue(t.Id, out var seen)) (trade.PriceSeen, trade.LastSeenUtcTicks) = seen;
            else trade.PriceSeen = restored;
            live.Trades.Add(trade);
        }
        return live;
    }

    private static LiveTrade BuildTrade(TradeEntity t, RecorderEntity recorder, ContractSpec spec)
    {
        var side = EntityMapping.ParseSide(t.Side);
        decimal cumulativeTrim = 0;
        var targets = t.TpTargets.Select(target =>
        {
            cumulativeTrim += target.Trim;
            // Whole contracts: the cumulative trim rounds half up, so 1 lot at 50/50 exits in full at TP1.
            var cumulative = Math.Round(t.Quantity * cumulativeTrim / 100m, MidpointRounding.AwayFromZero);
            return new LiveTarget(target.Price, cumulative, target.HitAt is not null);
        }).ToArray();

        return new LiveTrade
        {
            TradeId = t.Id, Side = side, Entry = t.EntryPrice, Quantity = t.Quantity, OpenQuantity = t.OpenQuantity, Targets = targets,
            Stop = t.SlPrice, StopKind = Enum.TryParse<StopKind>(t.SlKind, out var kind) ? kind : StopKind.StopLoss,
            TrailTrigger = recorder.TrailingEnabled ? Distance(spec, t.EntryPrice, recorder.TrailingTrigger, recorder.SlUnits) : null,
            TrailDistance = recorder.TrailingEnabled ? Distance(spec, t.EntryPrice, recorder.TrailingDistance, recorder.SlUnits) : 0,
            BreakEvenAfterFirstTarget = recorder.BreakEvenAfterTp1,
            Mfe = t.Mfe, Mae = t.Mae, BestPrice = t.BestPrice ?? t.EntryPrice, Market = spec.Market,
        };
    }

    private static decimal Distance(ContractSpec spec, decimal entry, decimal amount, PriceUnits units) => units switch
    {
        PriceUnits.Ticks => spec.TicksToPoints(amount),
        PriceUnits.Percent => entry * amount / 100m,
        _ => amount,
    };
}
