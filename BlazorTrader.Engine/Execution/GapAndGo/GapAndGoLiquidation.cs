using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.MarketData.Bars;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>
/// The day trader's end of day. First every working order of the strategy today is cancelled (entries not yet filled,
/// each position's take-profit and stop), and only once those cancels are answered do the closing orders go: a market
/// exit with the OCA children still working could sell twice (the original's bug). Then each position the strategy
/// opened is sold at market; with liquidateUntracked also each long broker position in a universe symbol it did not
/// open (adopted into the account's book first, so the sale brings the book to flat and not short). Keyed per symbol
/// and trade date, so a repeat sends nothing more. Every step is logged and audited; the strategy halts for the day.
/// </summary>
internal sealed class GapAndGoLiquidation(
    IDbContextFactory<TradingDbContext> dbFactory,
    SessionBars bars,
    PriceCache prices,
    BrokerRegistry brokers,
    IntentWriter writer,
    OrderSubmitter submitter,
    EngineEventHub events,
    TimeProvider time)
{
    public const string AuditCategory = "gap-and-go";
    static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(10);

    public async Task<GapAndGoLiquidationOutcome> RunAsync(LiquidateGapAndGo command, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (strategy, status) = await GapAndGoStrategy.LoadAsync(db, command.StrategyId, bars.TradeDate(now), ct);
        if (strategy is null) return new GapAndGoLiquidationOutcome(status, [], GapAndGoHandler.Why(status, command.StrategyId));
        var steps = new List<GapAndGoLiquidationStep>();
        var todays = await strategy.TodaysIntentsAsync(db, ct);

        // 1. Cancels first; the closing orders below wait for every one of them.
        var open = todays.Where(i => i.Status.IsOpen() && i.Source != GapAndGoStrategy.LiquidationSource).ToList();
        var cancels = Task.WhenAll(open.Select(i => submitter.CancelAsync(i.AccountId, i.IdempotencyKey)));
        steps.AddRange(open.Select(i => new GapAndGoLiquidationStep(i.Ticker, "cancel", i.Quantity - i.FilledQuantity, i.IdempotencyKey,
            $"{i.Type.ToString().ToLowerInvariant()} {i.Action.ToString().ToLowerInvariant()}{((i.LimitPrice ?? i.StopPrice) is { } p ? $" @ {p}" : "")}")));

        // 2. What the strategy opened today and the account still holds.
        var tracked = todays.Where(i => i.Source == GapAndGoStrategy.EntrySource && i.FilledQuantity > 0).Select(i => i.Ticker)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var book = await db.AccountPositions.Where(p => p.AccountId == strategy.AccountId && p.Quantity != 0).ToListAsync(ct);
        foreach (var position in book.Where(p => tracked.Contains(p.Symbol) && p.Quantity > 0))
            steps.Add(await SellAsync(strategy, position.Symbol, position.Quantity, "sell", cancels, ct));

        // 3. Untracked: the broker's long positions in universe symbols the strategy did not open today.
        if (strategy.Parameters.LiquidateUntracked)
        {
            var universe = (strategy.Parameters.UsesScanner ? bars.Extra(GapAndGoHandler.ScannerOwner(strategy.Id)) : strategy.Parameters.Universe)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var position in await BrokerPositionsAsync(strategy.AccountId, ct))
            {
                if (!universe.Contains(position.Symbol) || tracked.Contains(position.Symbol)) continue;
                if (position.Quantity <= 0)
                {
                    steps.Add(new GapAndGoLiquidationStep(position.Symbol, "skipped", position.Quantity, "", "a short position is not the day trader's; left alone"));
                    continue;
                }
                await AdoptAsync(db, strategy, book, position, now, ct);
                steps.Add(await SellAsync(strategy, position.Symbol, position.Quantity, "sell-untracked", cancels, ct));
            }
        }

        var day = await strategy.DayAsync(db, now.UtcDateTime, ct);
        (day.Halted, day.HaltReason, day.LiquidatedAt, day.UpdatedAt) = (true, $"liquidated ({command.Trigger})", now.UtcDateTime, now.UtcDateTime);
        foreach (var step in steps)
            db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = AuditCategory, Message = $"Gap-and-go '{strategy.Row.Name}' liquidation: {step.Action} {step.Quantity:0.####} {step.Symbol} {step.OrderRef} {step.Detail}".TrimEnd() });
        await db.SaveChangesAsync(ct);
        events.Publish(new LogEntry(now, EngineLogLevel.Warning,
            $"Gap-and-go '{strategy.Row.Name}' liquidation ({command.Trigger}): {steps.Count(s => s.Action == "cancel")} order(s) cancelled, "
            + $"{steps.Count(s => s.Action == "sell")} position(s) closed, {steps.Count(s => s.Action == "sell-untracked")} untracked sold; halted for the day"));
        return new GapAndGoLiquidationOutcome(GapAndGoStatus.Ok, steps);
    }

    async Task<GapAndGoLiquidationStep> SellAsync(GapAndGoStrategy strategy, string symbol, decimal quantity, string action, Task cancels, CancellationToken ct)
    {
        var key = GapAndGoKeys.Liquidation(strategy.Id, strategy.TradeDate, symbol);
        var written = await writer.InsertAsync(new OrderIntentEntity
        {
            IdempotencyKey = key, AccountId = strategy.AccountId, Source = GapAndGoStrategy.LiquidationSource, Ticker = symbol,
            Action = OrderAction.Sell, Quantity = quantity, Type = OrderType.Market,
            ReferencePrice = prices.TryGet(symbol, out var last) ? last.Price : null,
        }, ct);
        if (written.Duplicate) return new GapAndGoLiquidationStep(symbol, "skipped", written.Intent.Quantity, key, "already liquidated today");
        submitter.Submit(written.Intent, after: cancels);
        return new GapAndGoLiquidationStep(symbol, action, quantity, key, "market, after the cancels");
    }

    /// <summary>
    /// The account's book did not know this broker position (opened by hand or by another program): it takes the
    /// broker's word before selling it, and the audit log says so.
    /// </summary>
    static async Task AdoptAsync(TradingDbContext db, GapAndGoStrategy strategy, List<AccountPositionEntity> book, BrokerPosition position, DateTimeOffset now, CancellationToken ct)
    {
        var row = book.FirstOrDefault(p => string.Equals(p.Symbol, position.Symbol, StringComparison.OrdinalIgnoreCase))
            ?? await db.AccountPositions.FirstOrDefaultAsync(p => p.AccountId == strategy.AccountId && p.Symbol == position.Symbol, ct);
        if (row is null) db.AccountPositions.Add(row = new AccountPositionEntity { AccountId = strategy.AccountId, Symbol = position.Symbol });
        if (row.Quantity == position.Quantity) return;
        db.AuditLog.Add(new AuditLogEntry
        {
            At = now.UtcDateTime, Category = AuditCategory,
            Message = $"Gap-and-go '{strategy.Row.Name}': account {strategy.AccountId} book {row.Quantity:0.####} {position.Symbol} takes the broker's {position.Quantity:0.####} @ {position.AvgPrice} before liquidating it",
        });
        (row.Quantity, row.AvgPrice, row.OpenedAt, row.UpdatedAt) = (position.Quantity, position.AvgPrice, row.OpenedAt ?? now.UtcDateTime, now.UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    async Task<IReadOnlyList<BrokerPosition>> BrokerPositionsAsync(long accountId, CancellationToken ct)
    {
        if (!brokers.TryGet(accountId, out var broker)) return [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(BrokerTimeout);
        try { return await broker.GetPositionsAsync(timeout.Token); }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"Account {accountId}: broker positions unavailable, untracked positions not liquidated ({ex.Message})"));
            return [];
        }
    }
}
