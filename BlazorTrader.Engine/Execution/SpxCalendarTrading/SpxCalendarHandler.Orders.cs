using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.SpxCalendarTrading;

/// <summary>The ladders (entry walked up, close walked down then market), the fills, and the GTC profit target.</summary>
internal sealed partial class SpxCalendarHandler
{
    /// <summary>
    /// Places the ladder's order for <paramref name="step"/>: the first under the ladder's key, a replacement (after a refused
    /// modify) as <c>{key}:r{step}</c>, and past the close ladder's last price a market order <c>{key}:mkt</c>.
    /// </summary>
    private async Task<long> PlaceLadderOrderAsync(TradingDbContext db, SpxCalendarTradeEntity trade, SpxCalendarParameters p, int step, CancellationToken ct)
    {
        var entry = trade.Ladder == SpxLadderKind.Entry;
        var baseKey = entry ? trade.EntryKey : SpxCalendarKeys.TimeExit(trade.StrategyId, trade.Id);
        var market = !entry && step >= trade.LadderPrices.Count;
        var key = market ? $"{baseKey}:mkt" : step == 0 ? baseKey : $"{baseKey}:r{step}";
        trade.LadderKey = key;
        trade.LadderStep = step;
        trade.LadderReplacing = false;
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        var action = entry ? OrderAction.Buy : OrderAction.Sell;
        var written = await writer.InsertAsync(ComboIntent(trade, key, action, market ? null : trade.LadderPrices[step], entry), ct);
        if (!written.Duplicate) submitter.Submit(written.Intent, OpeningLegs(trade));
        if (!market) After(TimeSpan.FromSeconds(p.AttemptSeconds), $"ladder:{trade.Id}", new SpxLadderDue(trade.Id, key, step + 1));
        return written.Intent.Id;
    }

    /// <summary>The opening combo (SELL short put and call, BUY long put and call, ratio 1); selling it is the closing combo.</summary>
    private static IReadOnlyList<ComboLeg> OpeningLegs(SpxCalendarTradeEntity trade) =>
        [.. trade.Legs.Select(l => new ComboLeg(l.Ticker, l.Action == LegAction.Buy ? OrderAction.Buy : OrderAction.Sell, 1))];

    private static OrderIntentEntity ComboIntent(SpxCalendarTradeEntity trade, string key, OrderAction action, decimal? limit, bool isEntry) => new()
    {
        IdempotencyKey = key, AccountId = trade.AccountId, Source = IntentSource, Ticker = ComboTicker, Action = action, Quantity = trade.Quantity,
        Type = limit is null ? OrderType.Market : OrderType.Limit, LimitPrice = limit, IsEntry = isEntry,
        // The intent's legs are what each leg trades (selling the combo buys back its sold legs).
        Legs = [.. trade.Legs.Select(l => new IntentLeg
        {
            Symbol = l.Ticker, Ratio = 1,
            Action = (l.Action == LegAction.Buy) == (action == OrderAction.Buy) ? OrderAction.Buy : OrderAction.Sell,
        })],
    };

    private async Task OnLadderDueAsync(SpxLadderDue c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId, ct);
        if (trade is null || trade.LadderKey != c.LadderKey || trade.LadderReplacing) return;
        if (await IntentAsync(db, c.LadderKey, ct) is not { } intent || !intent.Status.IsOpen()) return;
        if (c.NextStep < trade.LadderPrices.Count)
        {
            var price = trade.LadderPrices[c.NextStep];
            if (!brokers.TryGet(trade.AccountId, out var broker)) { await ReplaceAsync(db, trade, c.NextStep, ct); return; }
            OffLoop(async token =>
            {
                try
                {
                    var answer = await broker.ModifyOrderAsync(new ModifyOrderRequest(c.LadderKey, LimitPrice: price), token);
                    return new SpxModifyAnswered(c.TradeId, c.LadderKey, c.NextStep, answer.Result == PlaceOrderResult.Accepted, answer.Reason);
                }
                catch (Exception ex) { return new SpxModifyAnswered(c.TradeId, c.LadderKey, c.NextStep, false, ex.Message); }
            });
            return;
        }
        // The last attempt's time is up: cancel; the entry ends "not filled", the close goes on with a market order.
        await ReplaceAsync(db, trade, c.NextStep, ct);
    }

    private async Task OnModifyAnsweredAsync(SpxModifyAnswered c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId, ct);
        if (trade is null || trade.LadderKey != c.LadderKey || trade.LadderReplacing) return;
        if (await IntentAsync(db, c.LadderKey, ct) is not { } intent || !intent.Status.IsOpen()) return;
        if (!c.Accepted)
        {
            Log(EngineLogLevel.Info, $"SPX calendar {trade.Id}: modify to {trade.LadderPrices[c.Step]} refused ({c.Reason}); cancel and replace");
            await ReplaceAsync(db, trade, c.Step, ct);
            return;
        }
        intent.LimitPrice = trade.LadderPrices[c.Step];
        intent.UpdatedAt = time.GetUtcNow().UtcDateTime;
        trade.LadderStep = c.Step;
        trade.UpdatedAt = intent.UpdatedAt;
        await db.SaveChangesAsync(ct);
        Log(EngineLogLevel.Info, $"SPX calendar {trade.Id}: attempt {c.Step + 1} at {intent.LimitPrice}");
        var p = (await StrategyAsync(db, trade.StrategyId, ct))?.Parameters ?? new SpxCalendarParameters();
        After(TimeSpan.FromSeconds(p.AttemptSeconds), $"ladder:{trade.Id}", new SpxLadderDue(trade.Id, c.LadderKey, c.Step + 1));
    }

    /// <summary>Cancels the working order; once the broker confirms, <see cref="AdvanceAsync"/> places the next step (or ends the ladder).</summary>
    private async Task ReplaceAsync(TradingDbContext db, SpxCalendarTradeEntity trade, int nextStep, CancellationToken ct)
    {
        trade.LadderStep = nextStep;
        trade.LadderReplacing = true;
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        _ = submitter.CancelAsync(trade.AccountId, trade.LadderKey!);
    }

    private async Task OnIntentChangedAsync(SpxIntentChanged c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.LadderKey == c.IdempotencyKey || t.TargetKey == c.IdempotencyKey, ct);
        if (trade is not null) await AdvanceAsync(db, trade, ct);
    }

    /// <summary>Moves a trade on from what its current orders did (a report, or a look after a restart).</summary>
    private async Task AdvanceAsync(TradingDbContext db, SpxCalendarTradeEntity trade, CancellationToken ct)
    {
        var p = (await StrategyAsync(db, trade.StrategyId, ct))?.Parameters ?? new SpxCalendarParameters();
        var ladder = trade.LadderKey is { } lk ? await IntentAsync(db, lk, ct) : null;
        var target = trade.TargetKey is { } tk ? await IntentAsync(db, tk, ct) : null;
        if (target is not null)
        {
            trade.TargetStatus = TargetStatusOf(target.Status);
            trade.TargetBrokerOrderId = target.BrokerOrderId ?? trade.TargetBrokerOrderId;
        }

        switch (trade.Status)
        {
            case SpxCalendarTradeStatus.Entering when ladder is not null:
                if (ladder.Status == OrderIntentStatus.Filled || (!ladder.Status.IsOpen() && ladder.FilledQuantity > 0))
                    await EntryFilledAsync(db, trade, ladder, p, ct);
                else if (!ladder.Status.IsOpen() && trade.LadderReplacing && trade.LadderStep < trade.LadderPrices.Count)
                    await PlaceLadderOrderAsync(db, trade, p, trade.LadderStep, ct);
                else if (!ladder.Status.IsOpen())
                    await NotFilledAsync(db, trade, trade.LadderReplacing
                        ? $"not filled after {trade.LadderPrices.Count} attempts (last limit {trade.LadderPrices[^1]}); cancelled"
                        : $"the entry order was {ladder.Status.ToString().ToLowerInvariant()}: {ladder.Reason}", ct);
                break;
            case SpxCalendarTradeStatus.Open or SpxCalendarTradeStatus.Manual when target is { Status: OrderIntentStatus.Filled }:
                await ClosedAsync(db, trade, target.AvgFillPrice ?? trade.TargetPrice ?? 0, "profit target", ct);
                break;
            case SpxCalendarTradeStatus.Closing when target is { Status: OrderIntentStatus.Filled }:
                // The target filled before its cancel reached the broker: that fill is the close.
                await ClosedAsync(db, trade, target.AvgFillPrice ?? trade.TargetPrice ?? 0, "profit target", ct);
                break;
            case SpxCalendarTradeStatus.Closing when trade.LadderKey is null:
                if (target is null || !target.Status.IsOpen()) RequestExitQuotes(trade);
                break;
            case SpxCalendarTradeStatus.Closing when ladder is not null:
                if (ladder.Status == OrderIntentStatus.Filled)
                    await ClosedAsync(db, trade, ladder.AvgFillPrice ?? 0, trade.ExitReason ?? "closed", ct);
                else if (!ladder.Status.IsOpen() && trade.LadderReplacing)
                    await PlaceLadderOrderAsync(db, trade, p, trade.LadderStep, ct);
                else if (!ladder.Status.IsOpen())
                    await CloseFailedAsync(db, trade, $"the closing order was {ladder.Status.ToString().ToLowerInvariant()}: {ladder.Reason}", ct);
                break;
        }
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private async Task EntryFilledAsync(TradingDbContext db, SpxCalendarTradeEntity trade, OrderIntentEntity fill, SpxCalendarParameters p, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        trade.Quantity = (int)fill.FilledQuantity;
        trade.Debit = fill.AvgFillPrice;
        trade.TargetPrice = ProfitTarget.Price(trade.Debit ?? 0, p.ProfitTargetPercent);
        trade.Status = SpxCalendarTradeStatus.Open;
        trade.Ladder = SpxLadderKind.None;
        trade.OpenedAt = now;
        trade.UpdatedAt = now;
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} filled {trade.Quantity} at {trade.Debit} (target {trade.TargetPrice})");
        await db.SaveChangesAsync(ct);
        var message = $"SPX calendar {trade.Id}: filled {trade.Quantity} x {trade.PutStrike}P/{trade.CallStrike}C {trade.ShortExpiry:MM-dd}/{trade.LongExpiry:MM-dd} "
            + $"at {trade.Debit} debit; target {trade.TargetPrice}, time exit {trade.ExitDate:yyyy-MM-dd}";
        Log(EngineLogLevel.Info, message);
        notifications.Publish(NotificationKind.Info, NotificationSeverity.Info, "SPX calendar filled", message);
        await crash.ReachedAsync("entry-filled", ct);
        await PlaceTargetAsync(db, trade, ct);
    }

    private async Task NotFilledAsync(TradingDbContext db, SpxCalendarTradeEntity trade, string reason, CancellationToken ct)
    {
        trade.Status = SpxCalendarTradeStatus.NotFilled;
        trade.Ladder = SpxLadderKind.None;
        trade.LastProblem = Cut(reason);
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} {reason}");
        await db.SaveChangesAsync(ct);
        Log(EngineLogLevel.Warning, $"SPX calendar {trade.Id}: {reason} (the day may be retried by hand)");
        notifications.Publish(NotificationKind.OrderRejected, NotificationSeverity.Warning, "SPX calendar not filled", reason);
    }

    /// <summary>
    /// The GTC target: SELL the opening combo (= the closing combo) at debit x (1 + percent), rounded once. The key is stored on
    /// the trade before the intent is written, so a crash between them places the same key again, never a second target.
    /// </summary>
    private async Task<bool> PlaceTargetAsync(TradingDbContext db, SpxCalendarTradeEntity trade, CancellationToken ct)
    {
        if (trade.Status != SpxCalendarTradeStatus.Open || trade.TargetPrice is not > 0 || trade.Legs.Count == 0) return false;
        var existing = trade.TargetKey is { } known ? await IntentAsync(db, known, ct) : null;
        if (existing is not null && (existing.Status.IsOpen() || existing.Status == OrderIntentStatus.Filled)) return false;
        if (trade.TargetKey is null || existing is not null)
        {
            trade.TargetAttempt++;
            trade.TargetKey = SpxCalendarKeys.Target(trade.StrategyId, trade.Id) + (trade.TargetAttempt == 1 ? "" : $":{trade.TargetAttempt}");
        }
        trade.TargetStatus = SpxTargetStatus.Pending;
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var written = await writer.InsertAsync(ComboIntent(trade, trade.TargetKey, OrderAction.Sell, trade.TargetPrice, isEntry: false), ct);
        if (!written.Duplicate) submitter.Submit(written.Intent, OpeningLegs(trade), timeInForce: TimeInForce.Gtc);
        Log(EngineLogLevel.Info, $"SPX calendar {trade.Id}: GTC target SELL {trade.Quantity} at {trade.TargetPrice} ({trade.TargetKey})");
        return !written.Duplicate;
    }

    private async Task ClosedAsync(TradingDbContext db, SpxCalendarTradeEntity trade, decimal credit, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        trade.ExitCredit = credit;
        trade.RealizedPnl = (credit - (trade.Debit ?? 0)) * 100m * trade.Quantity;
        trade.Status = SpxCalendarTradeStatus.Closed;
        trade.Ladder = SpxLadderKind.None;
        trade.ExitReason = reason;
        trade.ClosedAt = now;
        trade.UpdatedAt = now;
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} closed ({reason}) at {credit}, P&L {trade.RealizedPnl:0.00}");
        await db.SaveChangesAsync(ct);
        var message = $"SPX calendar {trade.Id} closed ({reason}): credit {credit} vs debit {trade.Debit}, P&L {trade.RealizedPnl:0.00}";
        Log(EngineLogLevel.Info, message);
        notifications.Publish(NotificationKind.Info, NotificationSeverity.Info, "SPX calendar closed", message);
    }

    private async Task CloseFailedAsync(TradingDbContext db, SpxCalendarTradeEntity trade, string reason, CancellationToken ct)
    {
        trade.Status = SpxCalendarTradeStatus.Open;
        trade.Ladder = SpxLadderKind.None;
        trade.LadderKey = null;
        trade.LastProblem = Cut($"close failed: {reason}");
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} close failed: {reason}");
        await db.SaveChangesAsync(ct);
        Log(EngineLogLevel.Error, $"SPX calendar {trade.Id}: close failed: {reason}; the trade stays open");
        notifications.Publish(NotificationKind.OrderRejected, NotificationSeverity.Critical, "SPX calendar close failed", $"calendar {trade.Id}: {reason}");
    }

    private static SpxTargetStatus TargetStatusOf(OrderIntentStatus s) => s switch
    {
        OrderIntentStatus.Pending => SpxTargetStatus.Pending,
        OrderIntentStatus.Filled => SpxTargetStatus.Filled,
        OrderIntentStatus.Cancelled => SpxTargetStatus.Cancelled,
        OrderIntentStatus.Rejected => SpxTargetStatus.Rejected,
        _ => SpxTargetStatus.Working,
    };

    private static Task<OrderIntentEntity?> IntentAsync(TradingDbContext db, string key, CancellationToken ct) =>
        db.OrderIntents.FirstOrDefaultAsync(i => i.IdempotencyKey == key, ct);
}
