using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData.Bars;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>
/// The bracket of a gap-and-go entry, placed at the broker once the entry filled: a take-profit LMT at fill x (1 + tp%)
/// and a STP at fill x (1 - sl%), each rounded to the tick once, DAY orders in one OCA group (the day trader is flat by
/// the close), each a persisted intent keyed <c>{entry key}:tp</c> / <c>:sl</c>. The keys make it idempotent: a repeated
/// report, a restart, or the scan's check for missing brackets places each at most once.
/// </summary>
internal sealed class GapAndGoBrackets(
    IDbContextFactory<TradingDbContext> dbFactory,
    SessionBars bars,
    InstrumentCatalog instruments,
    IntentWriter writer,
    OrderSubmitter submitter,
    EngineEventHub events,
    TimeProvider time)
{
    public async Task OnOrderUpdatedAsync(OrderStatusReported report, CancellationToken ct)
    {
        if (!GapAndGoStrategy.IsEntryKey(report.ClientOrderRef)) return;
        var done = report.Status == BrokerOrderStatus.Filled || (report.Status == BrokerOrderStatus.Cancelled && report.FilledQuantity > 0);
        if (!done) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.OrderIntents.AsNoTracking().FirstOrDefaultAsync(i => i.IdempotencyKey == report.ClientOrderRef && i.AccountId == report.AccountId, ct);
        if (entry is null || entry.Source != GapAndGoStrategy.EntrySource) return;
        var strategyId = long.Parse(report.ClientOrderRef.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var (strategy, _) = await GapAndGoStrategy.LoadAsync(db, strategyId, bars.TradeDate(time.GetUtcNow()), ct);
        if (strategy is null) return;
        await PlaceAsync(strategy, entry, ct);
    }

    /// <summary>Every filled entry of today whose bracket was never placed, while the account still holds it.</summary>
    public async Task PlaceMissingAsync(GapAndGoStrategy strategy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var todays = await strategy.TodaysIntentsAsync(db, ct);
        var keys = todays.Select(i => i.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in todays.Where(i => i.Source == GapAndGoStrategy.EntrySource && i.FilledQuantity > 0 && !i.Status.IsOpen()
                     && !keys.Contains(GapAndGoStrategy.ChildKey(i.IdempotencyKey, "sl"))))
        {
            var held = await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == entry.AccountId && p.Symbol == entry.Ticker)
                .Select(p => p.Quantity).FirstOrDefaultAsync(ct);
            if (held <= 0) continue;
            events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Warning, $"Gap-and-go: {entry.Ticker} ({entry.IdempotencyKey}) had no bracket; placing it"));
            await PlaceAsync(strategy, entry, ct);
        }
    }

    async Task PlaceAsync(GapAndGoStrategy strategy, OrderIntentEntity entry, CancellationToken ct)
    {
        if (entry.AvgFillPrice is not { } fill || entry.FilledQuantity <= 0) return;
        var bracket = GapAndGoBracket.ForFill(fill, strategy.Parameters, instruments.SpecFor(entry.Ticker).TickSizeAt(fill));
        // One OCA group per entry: the take-profit's fill cancels the stop and the other way round, at the broker.
        var group = entry.IdempotencyKey;
        var placed = new List<string>();
        foreach (var (leg, type, price) in new[] { ("sl", OrderType.Stop, bracket.StopLoss), ("tp", OrderType.Limit, bracket.TakeProfit) })
        {
            var written = await writer.InsertAsync(new OrderIntentEntity
            {
                IdempotencyKey = GapAndGoStrategy.ChildKey(entry.IdempotencyKey, leg), AccountId = entry.AccountId, Source = "bracket",
                Ticker = entry.Ticker, Action = GapAndGoStrategy.Exit, Quantity = entry.FilledQuantity, Type = type,
                LimitPrice = type == OrderType.Limit ? price : null, StopPrice = type == OrderType.Stop ? price : null, ReferencePrice = fill,
            }, ct);
            if (written.Duplicate) continue;
            submitter.Submit(written.Intent, written.Intent.ToRequest(null) with { TimeInForce = TimeInForce.Day, OcaGroup = group });
            placed.Add($"{leg} {price}");
        }
        if (placed.Count > 0)
            events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
                $"Gap-and-go '{strategy.Row.Name}': {entry.Ticker} filled {entry.FilledQuantity:0.####} @ {fill}; bracket {string.Join(", ", placed)} (OCA {group})"));
    }
}
