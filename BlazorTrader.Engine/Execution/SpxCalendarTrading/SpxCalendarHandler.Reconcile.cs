using System.Globalization;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.SpxCalendarTrading;

/// <summary>The reconcileTime check against the broker's positions, the trades list with live values, and the resume after a restart.</summary>
internal sealed partial class SpxCalendarHandler
{
    private async Task ReconcileAsync(ReconcileSpxCalendar c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await StrategyAsync(db, c.StrategyId, ct) is not var (strategy, _))
        {
            c.Reply.TrySetResult(new SpxReconciliation([], [], 0, $"there is no spxDoubleCalendar strategy {c.StrategyId}"));
            return;
        }
        if (!brokers.TryGet(strategy.AccountId, out var broker))
        {
            c.Reply.TrySetResult(new SpxReconciliation([], [], 0, $"account {strategy.AccountId} is disabled or unknown"));
            return;
        }
        var accountId = strategy.AccountId;
        OffLoop(async token =>
        {
            try { return new SpxPositionsArrived(c, accountId, await broker.GetPositionsAsync(token), null); }
            catch (Exception ex) { return new SpxPositionsArrived(c, accountId, null, ex.Message); }
        });
    }

    /// <summary>
    /// Expected = the legs of every calendar holding them (short -quantity, long +quantity, the quantity stored per trade);
    /// a leg the broker holds differently is "missing", an SPX option position no calendar explains is an orphan.
    /// </summary>
    private async Task OnPositionsAsync(SpxPositionsArrived c, CancellationToken ct)
    {
        if (c.Positions is not { } positions)
        {
            c.Request.Reply.TrySetResult(new SpxReconciliation([], [], 0, $"the broker's positions could not be read: {c.Error}"));
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Every calendar of the account counts (another calendar strategy on it explains its own legs).
        var holding = await db.SpxCalendarTrades.AsNoTracking().Where(t => t.AccountId == c.AccountId).ToListAsync(ct);
        var expected = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var trade in holding.Where(t => t.HoldsLegs))
            foreach (var leg in trade.Legs)
                expected[leg.Ticker] = expected.GetValueOrDefault(leg.Ticker) + (leg.Action == LegAction.Buy ? trade.Quantity : -trade.Quantity);
        var actual = positions.Where(p => SpxwTicker.Parse(p.Symbol) is not null && p.Quantity != 0)
            .GroupBy(p => p.Symbol, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Sum(p => p.Quantity), StringComparer.OrdinalIgnoreCase);

        string Q(decimal q) => q.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);
        var missing = expected.Where(e => e.Value != 0 && actual.GetValueOrDefault(e.Key) != e.Value).OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: expected {Q(e.Value)}, the broker holds {Q(actual.GetValueOrDefault(e.Key))}").ToList();
        var orphans = actual.Where(a => !expected.ContainsKey(a.Key) || expected[a.Key] == 0).OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{a.Key}: {Q(a.Value)} held, no calendar has it").ToList();

        var placed = (await PlaceMissingTargetsAsync(c.Request.StrategyId, ct)).Count;
        var differences = missing.Select(m => "missing leg " + m).Concat(orphans.Select(o => "orphan " + o)).ToList();
        if (differences.Count > 0 || placed > 0)
        {
            var message = $"SPX calendar reconciliation (strategy {c.Request.StrategyId}): "
                + string.Join("; ", differences.Append(placed > 0 ? $"{placed} missing target(s) placed" : null).OfType<string>());
            Audit(db, message);
            await db.SaveChangesAsync(ct);
            Log(EngineLogLevel.Warning, message);
            notifications.Publish(NotificationKind.ReconciliationDifference, NotificationSeverity.Warning, "SPX calendar reconciliation", message);
        }
        else Log(EngineLogLevel.Info, $"SPX calendar reconciliation (strategy {c.Request.StrategyId}): every leg matches, every target rests");
        c.Request.Reply.TrySetResult(new SpxReconciliation(missing, orphans, placed));
    }

    private async Task<IReadOnlyList<SpxCalendarTradeView>?> ListAsync(ListSpxCalendarTrades c, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await StrategyAsync(db, c.StrategyId, ct) is null) return null;
        var trades = await db.SpxCalendarTrades.AsNoTracking().Where(t => t.StrategyId == c.StrategyId).OrderByDescending(t => t.Id).Take(500).ToListAsync(ct);
        return [.. trades.Select(View)];
    }

    private SpxCalendarTradeView View(SpxCalendarTradeEntity t)
    {
        decimal? value = null;
        if (t.HoldsLegs && t.Legs.Count > 0 && brokers.TryPaper(t.AccountId, out _))
        {
            var mids = t.Legs.Select(l => (l, q: paperOptions.Quote(l.Ticker))).ToList();
            if (mids.All(m => m.q is not null))
                value = ComboPrice.RoundToTick(mids.Sum(m => (m.l.Action == LegAction.Buy ? 1 : -1) * m.q!.Mid));
        }
        decimal? unrealized = value is { } v && t.Debit is { } d ? (v - d) * 100m * t.Quantity : null;
        return new SpxCalendarTradeView(t.Id, t.TradeDate, Lower(t.Status.ToString()), t.Source, t.Spx, t.ShortExpiry, t.LongExpiry, t.PutStrike, t.CallStrike,
            t.Quantity, t.Debit, t.TargetPrice, new SpxTargetView(Lower(t.TargetStatus.ToString()), t.TargetPrice, t.TargetBrokerOrderId), t.ExitDate,
            value, unrealized, t.ExitCredit, t.RealizedPnl, t.ExitReason, t.Notes, t.LastProblem,
            [.. t.Legs.Select(l => new SpxLegView(l.Ticker, Lower(l.Action.ToString()), l.Expiry, l.Strike, Lower(l.Right.ToString()), l.ConId, l.Delta))],
            t.CreatedAt, t.OpenedAt, t.ClosedAt);
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    /// <summary>
    /// After start-up reconciliation (fills made while down are in the intents by now): every unfinished calendar is moved on
    /// from its orders, an interrupted ladder resumes, and an open calendar without a live target gets it, once (its key).
    /// </summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        _subscription ??= events.Subscribe(e =>
        {
            if (e is OrderIntentChanged { Intent.IdempotencyKey: var key } && key.StartsWith("spxcal:", StringComparison.Ordinal))
                inbox.Post(new SpxIntentChanged(key));
        });
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unfinished = await db.SpxCalendarTrades.Where(t => t.Status == SpxCalendarTradeStatus.Entering || t.Status == SpxCalendarTradeStatus.Open
            || t.Status == SpxCalendarTradeStatus.Closing).OrderBy(t => t.Id).ToListAsync(ct);
        foreach (var trade in unfinished)
        {
            if (trade is { Status: SpxCalendarTradeStatus.Entering, LadderKey: null })
            {
                await NotEnteredAsync(db, trade, "interrupted by a restart before its order was placed", ct);
                continue;
            }
            await AdvanceAsync(db, trade, ct);
            var p = (await StrategyAsync(db, trade.StrategyId, ct))?.Parameters ?? new SpxCalendarParameters();
            var working = trade.LadderKey is { } key ? await IntentAsync(db, key, ct) : null;
            if (trade.Status is SpxCalendarTradeStatus.Entering or SpxCalendarTradeStatus.Closing && working is { } w && w.Status.IsOpen())
            {
                if (trade.LadderReplacing) _ = submitter.CancelAsync(trade.AccountId, w.IdempotencyKey);
                else if (w.Type != OrderType.Market)
                    After(TimeSpan.FromSeconds(p.AttemptSeconds), $"ladder:{trade.Id}", new SpxLadderDue(trade.Id, w.IdempotencyKey, trade.LadderStep + 1));
            }
            else if (trade is { Status: SpxCalendarTradeStatus.Closing, LadderKey: null } && trade.TargetKey is not null) CancelTarget(trade);
            else if (trade.Status == SpxCalendarTradeStatus.Open) await PlaceTargetAsync(db, trade, ct);
        }
    }
}
