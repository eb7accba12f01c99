using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// Keeps the tick path's <see cref="LiveBook"/> (integer mirrors of open positions and trades) in step with the
/// <see cref="TradingBook"/>: rebuilt from memory after each committed change, never from the database. It also
/// carries the tick-driven fields (prices, excursions, moved stops) back into the book's rows before they are changed
/// or saved, and builds the snapshots readers get.
/// </summary>
internal sealed class LiveBookSync(LiveBook live, TradingBook book, InstrumentCatalog instruments)
{
    /// <summary>At start and after a reload: every open position mirrored; its trades count as priced before.</summary>
    public void RebuildAll()
    {
        live.Clear();
        foreach (var position in book.OpenPositions) Rebuild(position, restored: true);
    }

    /// <summary>After a committed change: an open position is mirrored again, a closed one leaves the tick path.</summary>
    public void Rebuild(PositionEntity position) => Rebuild(position, restored: false);

    private void Rebuild(PositionEntity position, bool restored)
    {
        if (position.Status != TradeStatus.Open || book.Recorder(position.RecorderId) is not { } recorder)
        {
            live.Remove(position.Id);
            return;
        }
        live.TryGet(position.Id, out var before);
        var mirror = Build(position, recorder, before, restored);
        if (before is not null) mirror.DecisionsPaused = before.DecisionsPaused;
        live.Upsert(mirror);
    }

    public void RebuildRecorder(long recorderId)
    {
        foreach (var id in live.Positions.Where(p => p.RecorderId == recorderId).Select(p => p.PositionId).ToList()) live.Remove(id);
        foreach (var position in book.OpenPositionsOf(recorderId)) Rebuild(position, restored: true);
    }

    /// <summary>Carries the tick-driven numbers (stops moved, excursions) from the tick path into the book's rows.</summary>
    public void CopyLiveFields(PositionEntity position)
    {
        if (!live.TryGet(position.Id, out var mirror)) return;
        LiveStateWriter.Copy(mirror, position);
        foreach (var trade in position.Trades)
        {
            var liveTrade = mirror.Trades.FirstOrDefault(t => t.TradeId == trade.Id);
            if (liveTrade is not null) LiveStateWriter.Copy(liveTrade, trade);
        }
    }

    /// <summary>What readers see of a position: its row, with the paused flag only the tick path knows.</summary>
    public PositionSnapshot Snapshot(PositionEntity position)
    {
        var snapshot = position.ToSnapshot();
        return position.Status == TradeStatus.Open && live.TryGet(position.Id, out var mirror) ? snapshot with { ExitsPaused = mirror.DecisionsPaused } : snapshot;
    }

    private LivePosition Build(PositionEntity p, RecorderEntity recorder, LivePosition? before, bool restored)
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
            // Which price a trade saw last decides what an opening price is: kept across a rebuild; a trade restored at
            // start was priced before (time unknown); a new one has seen no price yet.
            if (before?.Trades.FirstOrDefault(x => x.TradeId == t.Id) is { } seen) (trade.PriceSeen, trade.LastSeenUtcTicks) = (seen.PriceSeen, seen.LastSeenUtcTicks);
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
