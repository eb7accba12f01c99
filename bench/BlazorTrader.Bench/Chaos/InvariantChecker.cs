using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Bench.Load;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Bench.Chaos;

/// <summary>The invariants after a round, read from the SQLite file (the app may be running: WAL lets a reader in).</summary>
internal sealed record InvariantReport(
    int AlertsTwice, int AnsweredButMissing, int RecorderMismatches, int AccountUnreported, int AccountReported, int BookVsVenue,
    int IntentKeyTwice, int IntentTwicePerSignal, int FillMismatches, int OrphanFills, int CancelledIntents, int SignalsWithoutIntents,
    IReadOnlyList<string> Details, InvariantTotals Totals)
{
    public int Violations => AlertsTwice + AnsweredButMissing + RecorderMismatches + AccountUnreported + BookVsVenue + IntentKeyTwice
        + IntentTwicePerSignal + FillMismatches + OrphanFills;
}

/// <summary>What the database holds: the size of what the invariants were checked on.</summary>
internal sealed record InvariantTotals(int Signals, int AcceptedSignals, int Intents, int FilledIntents, int Executions, decimal ExecutedQuantity);

internal static class InvariantChecker
{
    private static readonly OrderIntentStatus[] Open = [OrderIntentStatus.Pending, OrderIntentStatus.Submitted, OrderIntentStatus.PartiallyFilled];

    public static TradingDbContext OpenReadOnly(string databasePath) =>
        new(new DbContextOptionsBuilder<TradingDbContext>().UseSqlite($"Data Source={databasePath};Mode=ReadOnly;Default Timeout=30").Options);

    /// <summary>
    /// A report a trader can act on names the account ("account 3") and the instrument ("MNQ1!"); a row about one
    /// intent's fate that names neither the symbol nor the difference does not count.
    /// </summary>
    private static bool Names(string message, long account, string ticker) =>
        message.Contains(ticker, StringComparison.OrdinalIgnoreCase)
        && System.Text.RegularExpressions.Regex.IsMatch(message, $@"\baccount {account}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Waits until no intent is pending or working (fills arrive after the webhook answers), at most <paramref name="limit"/>.</summary>
    public static async Task<int> SettleAsync(string databasePath, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        int open;
        do
        {
            await using var db = OpenReadOnly(databasePath);
            open = await db.OrderIntents.CountAsync(i => Open.Contains(i.Status), ct);
            if (open == 0) return 0;
            await Task.Delay(250, ct);
        } while (DateTime.UtcNow < until);
        return open;
    }

    /// <param name="answered200">Alert ids some send answered 200 (they must be stored).</param>
    /// <param name="reconciliationSince">Audit rows of category reconciliation after this that name the account and symbol report a difference.</param>
    public static async Task<InvariantReport> CheckAsync(string databasePath, long recorderId, IReadOnlyDictionary<long, decimal> multipliers,
        IReadOnlySet<string> answered200, DateTime reconciliationSince, CancellationToken ct)
    {
        await using var db = OpenReadOnly(databasePath);
        var details = new List<string>();
        var signals = await db.Signals.AsNoTracking().Where(s => s.RecorderId == recorderId)
            .Select(s => new { s.Id, s.Status, s.Action, s.Ticker, s.Quantity, s.RawPayload }).ToListAsync(ct);

        // 1. Each alert id recorded once; each alert answered 200 stored.
        var byAlert = signals.GroupBy(s => SignalAudit.AlertId(s.RawPayload) ?? $"?{s.Id}").ToDictionary(g => g.Key, g => g.Count());
        var twice = byAlert.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
        details.AddRange(twice.Take(5).Select(id => $"alert {id} recorded {byAlert[id]} times"));
        var missing = answered200.Where(id => !byAlert.ContainsKey(id)).ToList();
        details.AddRange(missing.Take(5).Select(id => $"alert {id} answered 200 but not stored"));

        // 2. Recorder position = net of its accepted signals (buy +q, sell -q; no TP/SL on the chaos recorder).
        var expected = signals.Where(s => s.Status == SignalStatus.Accepted)
            .GroupBy(s => s.Ticker).ToDictionary(g => g.Key, g => g.Sum(s => (s.Action == "buy" ? 1 : -1) * (s.Quantity ?? 1)));
        var open = (await db.Positions.AsNoTracking().Where(p => p.RecorderId == recorderId && p.Status == TradeStatus.Open)
            .Select(p => new { p.Ticker, p.Side, p.TotalQuantity }).ToListAsync(ct))
            .GroupBy(p => p.Ticker).ToDictionary(g => g.Key, g => g.Sum(p => p.Side == "short" ? -p.TotalQuantity : p.TotalQuantity));
        var recorderMismatch = 0;
        foreach (var ticker in expected.Keys.Union(open.Keys))
        {
            var want = expected.GetValueOrDefault(ticker);
            var have = open.GetValueOrDefault(ticker);
            if (want == have) continue;
            recorderMismatch++;
            details.Add($"recorder {ticker}: position {have:0.##}, accepted signals net {want:0.##}");
        }

        // 3. Each account = recorder x multiplier, or the difference was reported (reconciliation audit rows).
        var book = (await db.AccountPositions.AsNoTracking().ToListAsync(ct)).ToDictionary(p => (p.AccountId, p.Symbol), p => p.Quantity);
        var venue = (await db.PaperPositions.AsNoTracking().ToListAsync(ct)).ToDictionary(p => (p.AccountId, p.Symbol), p => p.Quantity);
        var reports = await db.AuditLog.AsNoTracking().Where(a => a.Category == "reconciliation" && a.At >= reconciliationSince)
            .Select(a => a.Message).ToListAsync(ct);
        int unreported = 0, reportedDiffs = 0, bookVsVenue = 0;
        foreach (var (account, multiplier) in multipliers)
        {
            foreach (var ticker in expected.Keys.Union(open.Keys))
            {
                var target = open.GetValueOrDefault(ticker) * multiplier;
                var held = book.GetValueOrDefault((account, ticker));
                var atVenue = venue.GetValueOrDefault((account, ticker));
                if (held != atVenue)
                {
                    bookVsVenue++;
                    details.Add($"account {account} {ticker}: engine book {held:0.##}, paper venue {atVenue:0.##}");
                }
                if (held == target) continue;
                var reported = reports.Any(m => Names(m, account, ticker));
                if (reported) reportedDiffs++; else unreported++;
                details.Add($"account {account} {ticker}: holds {held:0.##}, recorder x{multiplier:0.##} = {target:0.##}" + (reported ? " (reported)" : " (NOT reported)"));
            }
        }

        // 4. No intent twice: the key (UNIQUE, so this is the backstop check) and one intent per signal and account.
        var intents = await db.OrderIntents.AsNoTracking()
            .Select(i => new { i.Id, i.IdempotencyKey, i.AccountId, i.SignalId, i.Status, i.Quantity, i.FilledQuantity }).ToListAsync(ct);
        var keyTwice = intents.GroupBy(i => i.IdempotencyKey).Count(g => g.Count() > 1);
        var perSignalTwice = intents.Where(i => i.SignalId is not null).GroupBy(i => (i.SignalId, i.AccountId)).Count(g => g.Count() > 1);
        var cancelled = intents.Count(i => i.Status == OrderIntentStatus.Cancelled);
        var accepted = signals.Where(s => s.Status == SignalStatus.Accepted).Select(s => s.Id).ToHashSet();
        var withIntents = intents.Where(i => i.SignalId is not null).GroupBy(i => i.SignalId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var withoutIntents = accepted.Count(id => withIntents.GetValueOrDefault(id) < multipliers.Count);

        // 5. Paper fills = intents filled: the venue's executions per client order reference equal the intent's filled quantity.
        var executionRows = await db.PaperExecutions.AsNoTracking().Select(e => new { e.AccountId, e.ClientOrderRef, e.Quantity }).ToListAsync(ct);
        var executions = executionRows
            .GroupBy(e => (e.AccountId, e.ClientOrderRef)).ToDictionary(g => g.Key, g => g.Sum(e => e.Quantity));
        var byKey = intents.ToDictionary(i => (i.AccountId, i.IdempotencyKey));
        var fillMismatch = 0;
        foreach (var i in intents)
        {
            var filled = executions.GetValueOrDefault((i.AccountId, i.IdempotencyKey));
            if (filled == i.FilledQuantity && filled <= i.Quantity) continue;
            fillMismatch++;
            details.Add($"intent {i.Id} ({i.Status}): filled {i.FilledQuantity:0.##} of {i.Quantity:0.##}, paper executions {filled:0.##}");
        }
        var orphans = executions.Keys.Count(k => !byKey.ContainsKey(k));
        if (orphans > 0) details.Add($"{orphans} paper executions name no intent");

        return new InvariantReport(twice.Count, missing.Count, recorderMismatch, unreported, reportedDiffs, bookVsVenue, keyTwice, perSignalTwice,
            fillMismatch, orphans, cancelled, withoutIntents, details,
            new InvariantTotals(signals.Count, accepted.Count, intents.Count, intents.Count(i => i.Status == OrderIntentStatus.Filled),
                executionRows.Count, executionRows.Sum(e => e.Quantity)));
    }
}
