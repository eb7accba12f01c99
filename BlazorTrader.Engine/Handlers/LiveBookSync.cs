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
    public async Task LoadAllAsync(TradingDbContext db, CancellationToken ct)
    {
        book.Clear();
        await ReloadAsync(db, db.Positions.Where(p => p.Status == TradeStatus.Open), ct);
    }

    public Task ReloadAsync(TradingDbContext db, IReadOnlyCollection<long> positionIds, CancellationToken ct)
    {
        foreach (var id in positionIds) book.Remove(id);
        return ReloadAsync(db, db.Positions.Where(p => positionIds.Contains(p.Id) && p.Status == TradeStatus.Open), ct);
    }

    /// <summary>After a recorder's settings changed (trailing, break-even) or it was deleted.</summary>
    public async Task ReloadRecorderAsync(TradingDbContext db, long recorderId, CancellationToken ct)
    {
        foreach (var id in book.Positions.Where(p => p.RecorderId == recorderId).Select(p => p.PositionId).ToList()) book.Remove(id);
        await ReloadAsync(db, db.Positions.Where(p => p.RecorderId == recorderId && p.Status == TradeStatus.Open), ct);
    }

    private async Task ReloadAsync(TradingDbContext db, IQueryable<PositionEntity> query, CancellationToken ct)
    {
        var positions = await query.AsNoTracking().Include(p => p.Trades.Where(t => t.Status == TradeStatus.Open)).ToListAsync(ct);
        if (positions.Count == 0) return;
        var recorderIds = positions.Select(p => p.RecorderId).Distinct().ToList();
        var recorders = await db.Recorders.AsNoTracking().Where(r => recorderIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        foreach (var p in positions) book.Upsert(Build(p, recorders[p.RecorderId]));
    }

    private LivePosition Build(PositionEntity p, RecorderEntity recorder)
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
        foreach (var t in p.Trades.OrderBy(t => t.OpenedAt).ThenBy(t => t.Id)) live.Trades.Add(BuildTrade(t, recorder, spec));
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
            Mfe = t.Mfe, Mae = t.Mae, BestPrice = t.BestPrice ?? t.EntryPrice,
        };
    }

    private static decimal Distance(ContractSpec spec, decimal entry, decimal amount, PriceUnits units) => units switch
    {
        PriceUnits.Ticks => spec.TicksToPoints(amount),
        PriceUnits.Percent => entry * amount / 100m,
        _ => amount,
    };
}
