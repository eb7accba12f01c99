using System.Diagnostics;
using System.Globalization;
using BlazorTrader.Bench.Load;

namespace BlazorTrader.Bench.Chaos;

internal sealed record ChaosOptions(string AppDll, int Kills, int Storm, int Connections, int Seed, bool Keep)
{
    public static ChaosOptions Parse(string appDll, IReadOnlyList<string> args)
    {
        var o = new ChaosOptions(appDll, 20, 300, 8, Environment.TickCount & 0xFFFF, false);
        for (var i = 0; i < args.Count; i++)
        {
            int Int() => i + 1 < args.Count ? int.Parse(args[++i], CultureInfo.InvariantCulture) : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--kills" => o with { Kills = Int() },
                "--storm" => o with { Storm = Int() },
                "--connections" => o with { Connections = Int() },
                "--seed" => o with { Seed = Int() },
                "--keep" => o with { Keep = true },
                _ => o,
            };
        }
        return o;
    }
}

/// <summary>
/// bench load --chaos (issues 13 and 14): one recorder copying to two paper accounts (x1, x2). Per round a storm of
/// alerts, kill -9 of the app after a random number of answers, restart, resend of the whole storm, wait for fills,
/// then the invariants read from the SQLite file. The state carries over, so a round's row is the database as a whole.
/// </summary>
internal static class ChaosCommand
{
    public static async Task<int> RunAsync(ChaosOptions o, CancellationToken ct)
    {
        var rng = new Random(o.Seed);
        var data = Directory.CreateTempSubdirectory("bt-chaos-").FullName;
        Console.WriteLine($"chaos: {o.Kills} kills, storms of {o.Storm} alerts over {o.Connections} connections, seed {o.Seed}, data {data}");
        var app = new AppProcess(o.AppDll, data, LoadCommand.FreePort());
        var rows = new List<(int Round, int KillAfter, int FirstAccepted, int ResendAccepted, int ResendDuplicate, int Unanswered, double RestartS, int StillOpen, InvariantReport Report)>();
        try
        {
            await app.StartAsync(ct);
            string path;
            long recorderId;
            var multipliers = new Dictionary<long, decimal>();
            using (var api = ScenarioSetup.Api(app.BaseUrl))
            {
                for (var m = 1; m <= 2; m++) multipliers[await ScenarioSetup.CreatePaperAccountAsync(api, $"chaos x{m}", ct)] = m;
                var recorder = await ScenarioSetup.CreateRecorderAsync(api, "chaos", "MNQ1!", 21500.25m, [.. multipliers.Select(kv => (kv.Key, kv.Value))], ct);
                path = recorder.Path;
                recorderId = recorder.RecorderId;
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Connections, UseProxy = false })
            { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var answered200 = new HashSet<string>(StringComparer.Ordinal);
            var runStart = DateTime.UtcNow.AddSeconds(-1);
            for (var round = 1; round <= o.Kills; round++)
            {
                var storm = new ChaosStorm($"C{o.Seed}r{round:D2}", o.Storm, rng);
                // Uniform over the storm, and about one round in four right after the storm's last answer (a kill after
                // the 200s, before the orders reach the broker: no later signal re-syncs the accounts).
                var killAfter = Math.Min(o.Storm, rng.Next(1, o.Storm + o.Storm / 3 + 1));
                var killed = 0;
                var first = await storm.SendOnceAsync(http, path, o.Connections, answered =>
                {
                    if (answered != killAfter) return true;
                    app.Kill();
                    killed = answered;
                    return false;
                }, ct);
                // Answers that were 503 (engine timeout) do not count toward the kill point; a storm that ends first still
                // ends in a crash, right after its last answer.
                app.Kill();
                if (killed == 0) killAfter = first.Count(a => a is not (StormAnswer.None or StormAnswer.Failed or StormAnswer.Unavailable));
                var firstAnswers = storm.AnswerSummary();
                storm.ResetAnswers();
                var restart = await app.StartAsync(ct);
                var resend = await storm.ResendAsync(http, path, o.Connections, ct);
                for (var i = 0; i < storm.Alerts.Count; i++)
                    if (Ok(first[i]) || Ok(resend[i])) answered200.Add(storm.Alerts[i].AlertId);
                var stillOpen = await InvariantChecker.SettleAsync(app.DatabasePath, TimeSpan.FromSeconds(20), ct);
                var report = await InvariantChecker.CheckAsync(app.DatabasePath, recorderId, multipliers, answered200, runStart, ct);
                var row = (round, killAfter, first.Count(a => a == StormAnswer.Accepted), resend.Count(a => a == StormAnswer.Accepted),
                    resend.Count(a => a == StormAnswer.Duplicate), resend.Count(a => !Ok(a)), restart.TotalSeconds, stillOpen, report);
                rows.Add(row);
                Console.WriteLine($"round {round,2}: killed after {killAfter} final answers{(killed == 0 ? " (the storm's end)" : "")}; first send {row.Item3} accepted; restart {restart.TotalSeconds:F1} s; "
                    + $"resend {row.Item4} accepted, {row.Item5} duplicate, {row.Item6} without a 200; {report.Violations} violations");
                Console.WriteLine($"          first send: {firstAnswers}; resend: {storm.AnswerSummary()}");
                Console.WriteLine($"          database: {report.Totals.Signals} signals, {report.Totals.Intents} intents ({report.Totals.FilledIntents} filled), "
                    + $"{report.Totals.Executions} paper executions");
                foreach (var d in report.Details.Take(8)) Console.WriteLine($"          {d}");
            }
        }
        finally
        {
            await app.DisposeAsync();
            if (!o.Keep) LoadCommand.TryDelete(data);
        }

        Console.WriteLine();
        Console.WriteLine($"chaos, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, seed {o.Seed}: the database after each round (cumulative)");
        Console.WriteLine("| round | kill after | 1st accepted | resend accepted / dup / no 200 | restart s | alert twice | 200 not stored | recorder != signals "
            + "| account != recorder x mult (unreported / reported) | book != venue | intent key twice | intent twice per signal | fills != intents | cancelled intents | signals short of intents |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var p = r.Report;
            Console.WriteLine($"| {r.Round} | {r.KillAfter} | {r.FirstAccepted} | {r.ResendAccepted} / {r.ResendDuplicate} / {r.Unanswered} | {r.RestartS:F1} | "
                + $"{p.AlertsTwice} | {p.AnsweredButMissing} | {p.RecorderMismatches} | {p.AccountUnreported} / {p.AccountReported} | {p.BookVsVenue} | "
                + $"{p.IntentKeyTwice} | {p.IntentTwicePerSignal} | {p.FillMismatches + p.OrphanFills} | {p.CancelledIntents} | {p.SignalsWithoutIntents} |");
        }
        var last = rows.LastOrDefault().Report;
        if (last?.Totals is { } t)
            Console.WriteLine($"final database: {rows.Count} kills, {t.Signals} signals ({t.AcceptedSignals} accepted), {t.Intents} intents ({t.FilledIntents} filled, "
                + $"{last.CancelledIntents} cancelled), {t.Executions} paper executions ({t.ExecutedQuantity:0.##} contracts)");
        var total = last?.Violations ?? -1;
        Console.WriteLine(total == 0 && last!.AccountReported == 0 ? "no violations" : $"violations at the end: {total} (plus {last?.AccountReported} reported account differences)");
        return total == 0 ? 0 : 1;
    }

    private static bool Ok(StormAnswer a) => a is StormAnswer.Accepted or StormAnswer.Duplicate or StormAnswer.OtherOk;
}
