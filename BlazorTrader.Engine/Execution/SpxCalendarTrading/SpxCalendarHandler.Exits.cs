using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.SpxCalendarTrading;

/// <summary>Closing a calendar (time exit, manual), stop managing, import, and "place missing targets".</summary>
internal sealed partial class SpxCalendarHandler
{
    private async Task<SpxActionOutcome> CloseAsync(CloseSpxCalendar c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId && t.StrategyId == c.StrategyId, ct);
        if (trade is null) return new SpxActionOutcome(SpxActionStatus.NotFound, Reason: $"strategy {c.StrategyId} has no calendar {c.TradeId}");
        if (trade.Status is not (SpxCalendarTradeStatus.Open or SpxCalendarTradeStatus.Manual))
            return new SpxActionOutcome(SpxActionStatus.Refused, Reason: $"calendar {trade.Id} is {trade.Status.ToString().ToLowerInvariant()}, not open");
        await StartCloseAsync(db, trade, c.Reason, ct);
        return new SpxActionOutcome(SpxActionStatus.Accepted, 1);
    }

    private async Task<SpxActionOutcome> TimeExitsAsync(RunSpxCalendarTimeExits c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = calendar.ExchangeDate(time.GetUtcNow());
        if (!calendar.IsTradingDay(today, Market.Nyse)) return new SpxActionOutcome(SpxActionStatus.Accepted, 0, "not a trading day");
        // Manual trades are the trader's: never closed by time.
        var due = await db.SpxCalendarTrades
            .Where(t => t.StrategyId == c.StrategyId && t.Status == SpxCalendarTradeStatus.Open && t.ExitDate != null && t.ExitDate <= today)
            .OrderBy(t => t.Id).ToListAsync(ct);
        foreach (var trade in due) await StartCloseAsync(db, trade, $"time exit (day {trade.TradeDate.DaysUntil(today)})", ct);
        return new SpxActionOutcome(SpxActionStatus.Accepted, due.Count);
    }

    /// <summary>The target goes first (its cancel confirmed by the broker, else the close is aborted), then the close ladder.</summary>
    private async Task StartCloseAsync(TradingDbContext db, SpxCalendarTradeEntity trade, string reason, CancellationToken ct)
    {
        trade.Status = SpxCalendarTradeStatus.Closing;
        trade.ExitReason = reason;
        trade.Ladder = SpxLadderKind.Exit;
        trade.LadderKey = null;
        trade.LadderStep = 0;
        trade.LadderReplacing = false;
        trade.LadderPrices = [];
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        Audit(db, $"Strategy {trade.StrategyId}: closing calendar {trade.Id} ({reason})");
        await db.SaveChangesAsync(ct);
        Log(EngineLogLevel.Info, $"SPX calendar {trade.Id}: closing ({reason})");

        var target = trade.TargetKey is { } key ? await IntentAsync(db, key, ct) : null;
        if (target is null || !target.Status.IsOpen()) { await AdvanceAsync(db, trade, ct); return; }
        CancelTarget(trade);
    }

    private void CancelTarget(SpxCalendarTradeEntity trade)
    {
        var (tradeId, accountId, key) = (trade.Id, trade.AccountId, trade.TargetKey!);
        OffLoop(async token =>
        {
            if (!brokers.TryGet(accountId, out var broker)) return new SpxTargetCancelAnswered(tradeId, key, false, "the account's broker is not available");
            try
            {
                var answer = await broker.CancelOrderAsync(new CancelOrderRequest(key), token);
                return new SpxTargetCancelAnswered(tradeId, key, answer.Accepted, answer.Reason);
            }
            catch (Exception ex) { return new SpxTargetCancelAnswered(tradeId, key, false, ex.Message); }
        });
    }

    private async Task OnTargetCancelAnsweredAsync(SpxTargetCancelAnswered c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId, ct);
        if (trade is not { Status: SpxCalendarTradeStatus.Closing, LadderKey: null } || trade.TargetKey != c.TargetKey) return;
        var target = await IntentAsync(db, c.TargetKey, ct);
        if (c.Accepted || target is null || !target.Status.IsOpen())
        {
            // Accepted: the broker's Cancelled report moves the trade on (it may have come already).
            await AdvanceAsync(db, trade, ct);
            return;
        }
        // Not confirmed: closing now could leave the target resting against no position (or fill twice). Abort and alert.
        var reason = $"close aborted: the broker did not confirm the cancel of the profit target {c.TargetKey} ({c.Reason ?? "no reason given"}); the target still rests";
        trade.Status = SpxCalendarTradeStatus.Open;
        trade.Ladder = SpxLadderKind.None;
        trade.LastProblem = Cut(reason);
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} {reason}");
        await db.SaveChangesAsync(ct);
        Log(EngineLogLevel.Error, $"SPX calendar {trade.Id}: {reason}");
        notifications.Publish(NotificationKind.OrderRejected, NotificationSeverity.Critical, "SPX calendar close aborted", $"calendar {trade.Id}: {reason}");
    }

    private void RequestExitQuotes(SpxCalendarTradeEntity trade)
    {
        if (!_quoting.Add(trade.Id)) return;
        var (tradeId, tickers) = (trade.Id, trade.Legs.Select(l => l.Ticker).ToList());
        var source = ChainSource(trade.AccountId);
        OffLoop(async token =>
        {
            if (source is null) return new SpxExitQuotesArrived(tradeId, [], "no option data for the account");
            try { return new SpxExitQuotesArrived(tradeId, await source.GetQuotesAsync(tickers, token), null); }
            catch (Exception ex) { return new SpxExitQuotesArrived(tradeId, [], ex.Message); }
        });
    }

    /// <summary>The close ladder: SELL the combo at its mid, walked down by priceIncrement per attempt, then a market order.</summary>
    private async Task OnExitQuotesAsync(SpxExitQuotesArrived c, CancellationToken ct)
    {
        _quoting.Remove(c.TradeId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId, ct);
        if (trade is not { Status: SpxCalendarTradeStatus.Closing, LadderKey: null }) return;
        var p = (await StrategyAsync(db, trade.StrategyId, ct))?.Parameters ?? new SpxCalendarParameters();
        var mids = c.Quotes.ToDictionary(q => q.Ticker, q => q.Mid);
        if (trade.Legs.All(l => mids.ContainsKey(l.Ticker)))
        {
            var mid = ComboPrice.RoundToTick(trade.Legs.Sum(l => (l.Action == LegAction.Buy ? 1 : -1) * mids[l.Ticker]));
            trade.LadderPrices = [.. Enumerable.Range(0, p.MaxAttempts).Select(i => mid - i * p.PriceIncrement).Where(x => x >= ComboPrice.Tick).Distinct()];
        }
        else Log(EngineLogLevel.Warning, $"SPX calendar {trade.Id}: no quotes for its legs ({c.Error ?? "missing"}); closing at market");
        await PlaceLadderOrderAsync(db, trade, p, 0, ct);
    }

    private async Task<SpxActionOutcome> StopManagingAsync(StopManagingSpxCalendar c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trade = await db.SpxCalendarTrades.FirstOrDefaultAsync(t => t.Id == c.TradeId && t.StrategyId == c.StrategyId, ct);
        if (trade is null) return new SpxActionOutcome(SpxActionStatus.NotFound, Reason: $"strategy {c.StrategyId} has no calendar {c.TradeId}");
        if (trade.Status != SpxCalendarTradeStatus.Open) return new SpxActionOutcome(SpxActionStatus.Refused, Reason: $"calendar {trade.Id} is {trade.Status.ToString().ToLowerInvariant()}");
        trade.Status = SpxCalendarTradeStatus.Manual;
        trade.UpdatedAt = time.GetUtcNow().UtcDateTime;
        Audit(db, $"Strategy {trade.StrategyId}: calendar {trade.Id} handed to the trader (no automatic exits; target cancelled)");
        await db.SaveChangesAsync(ct);
        if (trade.TargetKey is { } key) _ = submitter.CancelAsync(trade.AccountId, key);
        notifications.Publish(NotificationKind.Info, NotificationSeverity.Warning, "SPX calendar managed by hand", $"calendar {trade.Id}: no automatic exits from now on");
        return new SpxActionOutcome(SpxActionStatus.Accepted, 1);
    }

    private async Task<SpxActionOutcome> PlaceMissingTargetsAsync(long strategyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.SpxCalendarTrades.Where(t => t.StrategyId == strategyId && t.Status == SpxCalendarTradeStatus.Open).OrderBy(t => t.Id).ToListAsync(ct);
        var placed = 0;
        foreach (var trade in open)
            if (await PlaceTargetAsync(db, trade, ct)) placed++;
        return new SpxActionOutcome(SpxActionStatus.Accepted, placed);
    }

    private async Task<SpxImportOutcome> ImportAsync(ImportSpxCalendar c, CancellationToken ct)
    {
        var t = c.Trade;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await StrategyAsync(db, c.StrategyId, ct) is not var (strategy, p)) return new SpxImportOutcome(null, $"there is no spxDoubleCalendar strategy {c.StrategyId}");
        var today = calendar.ExchangeDate(time.GetUtcNow());
        if (t.EntryDate > today) return new SpxImportOutcome(null, "entryDate must not be in the future", "entryDate");
        if (t.ShortExpiry < today || !SpxwExpiries.IsExpiry(t.ShortExpiry, calendar)) return new SpxImportOutcome(null, "shortExpiry must be a coming SPXW expiry (a trading day)", "shortExpiry");
        if (t.LongExpiry <= t.ShortExpiry || !SpxwExpiries.IsExpiry(t.LongExpiry, calendar)) return new SpxImportOutcome(null, "longExpiry must be an SPXW expiry after shortExpiry", "longExpiry");
        if (t.PutStrike <= 0 || t.PutStrike % 5m != 0) return new SpxImportOutcome(null, "putStrike must be a positive multiple of 5", "putStrike");
        if (t.CallStrike <= 0 || t.CallStrike % 5m != 0) return new SpxImportOutcome(null, "callStrike must be a positive multiple of 5", "callStrike");
        if (t.Quantity is < 1 or > 1000) return new SpxImportOutcome(null, "quantity must be from 1 to 1000 combos", "quantity");
        if (t.Debit <= 0 || t.Debit > 1000 || t.Debit % 0.01m != 0) return new SpxImportOutcome(null, "debit must be a positive price per combo (at most 1000, in cents)", "debit");

        var legs = DoubleCalendar.OpeningLegs(t.ShortExpiry, t.LongExpiry, t.PutStrike, t.CallStrike);
        var key = $"{SpxCalendarKeys.Entry(strategy.Id, t.EntryDate)}:import:{t.PutStrike}P{t.CallStrike}C:{t.ShortExpiry:yyyyMMdd}-{t.LongExpiry:yyyyMMdd}";
        if (await db.SpxCalendarTrades.AsNoTracking().FirstOrDefaultAsync(x => x.EntryKey == key, ct) is { } known)
            return new SpxImportOutcome(known.Id, null);
        var exit = TimeExit.For(t.EntryDate, p, calendar);
        var now = time.GetUtcNow().UtcDateTime;
        var trade = new SpxCalendarTradeEntity
        {
            StrategyId = strategy.Id, AccountId = strategy.AccountId, TradeDate = t.EntryDate, EntryKey = key, Source = "import",
            Status = SpxCalendarTradeStatus.Open, Quantity = t.Quantity, Spx = t.Spx, ShortExpiry = t.ShortExpiry, LongExpiry = t.LongExpiry,
            PutStrike = t.PutStrike, CallStrike = t.CallStrike, Debit = t.Debit, TargetPrice = ProfitTarget.Price(t.Debit, p.ProfitTargetPercent),
            Legs = [.. legs.Select(l => new SpxCalendarLegRecord { Ticker = SpxwTicker.For(l), Action = l.Action, Right = l.Right, Expiry = l.Expiry, Strike = l.Strike })],
            ExitDate = exit.Date, ExitAtUtc = exit.AtUtc.UtcDateTime, Notes = exit.Note, CreatedAt = now, OpenedAt = now, UpdatedAt = now,
        };
        db.SpxCalendarTrades.Add(trade);
        Audit(db, $"Strategy {strategy.Id}: imported calendar {t.PutStrike}P/{t.CallStrike}C {t.ShortExpiry:yyyy-MM-dd}/{t.LongExpiry:yyyy-MM-dd} x{t.Quantity} at {t.Debit}");
        await db.SaveChangesAsync(ct);
        await PlaceTargetAsync(db, trade, ct);
        return new SpxImportOutcome(trade.Id, null);
    }
}

internal static class DateOnlyDays
{
    public static int DaysUntil(this DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
