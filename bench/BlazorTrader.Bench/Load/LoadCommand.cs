using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BlazorTrader.Bench.Load;

/// <summary>Options of `bench load` (bench/webhook-load.sh passes them through).</summary>
internal sealed record LoadOptions(string AppDll, string[] Scenarios, int Connections, TimeSpan WarmUp, TimeSpan Measured, int Rate,
    int HistorySignals, int HistoryTrades, bool Keep)
{
    public static LoadOptions Parse(string appDll, IReadOnlyList<string> args)
    {
        var o = new LoadOptions(appDll, ["a", "b", "c"], 64, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 500, 100_000, 20_000, false);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--scenarios" => o with { Scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--connections" => o with { Connections = Int() },
                "--seconds" => o with { Measured = TimeSpan.FromSeconds(Int()) },
                "--warmup" => o with { WarmUp = TimeSpan.FromSeconds(Int()) },
                "--rate" => o with { Rate = Int() },
                "--history-signals" => o with { HistorySignals = Int() },
                "--history-trades" => o with { HistoryTrades = Int() },
                "--keep" => o with { Keep = true },
                _ => o,
            };
        }
        return o;
    }
}

internal sealed record ScenarioResult(Scenario Scenario, SaturationResult Saturation, SaturationResult Bare, FixedRateResult Fixed, AuditResult Audit);

/// <summary>
/// bench load: per scenario a fresh app (fresh data directory), saturation then fixed rate against it, the database
/// check, then saturation against the bare Kestrel baseline right after (same machine state), and the table.
/// </summary>
internal static class LoadCommand
{
    /// <summary>The bare endpoint has little to tier up; the app's long warm-up would only fill its answer record.</summary>
    private static readonly TimeSpan BareWarmUp = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(LoadOptions o, CancellationToken ct)
    {
        var barePort = FreePort();
        using var bare = await BareKestrel.StartAsync(barePort, ct);
        var results = new List<ScenarioResult>();
        try
        {
            foreach (var name in o.Scenarios)
            {
                var scenario = ScenarioSetup.All.FirstOrDefault(s => s.Name == name)
                    ?? throw new ArgumentException($"unknown scenario '{name}': use a, b or c");
                results.Add(await RunScenarioAsync(o, scenario, $"http://127.0.0.1:{barePort}", ct));
            }
        }
        finally
        {
            bare.Kill();
        }
        PrintTable(o, results);
        return results.All(r => r.Audit.Missing == 0 && r.Audit.RecordedTwice == 0) ? 0 : 1;
    }

    private static async Task<ScenarioResult> RunScenarioAsync(LoadOptions o, Scenario s, string bareUrl, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("bt-load-").FullName;
        Console.WriteLine($"== scenario {s.Name}: {s.Description} (data {data})");
        var app = new AppProcess(o.AppDll, data, FreePort());
        try
        {
            Console.WriteLine($"   app started in {(await app.StartAsync(ct)).TotalSeconds:F1} s");
            using var api = ScenarioSetup.Api(app.BaseUrl);
            var targets = await ScenarioSetup.CreateAsync(api, s, ct);
            if (s.History)
            {
                await app.StopAsync();
                var took = await HistorySeeder.SeedAsync(app.DatabasePath, targets[0], o.HistorySignals, o.HistoryTrades, ct);
                Console.WriteLine($"   seeded {o.HistorySignals:N0} signals and {o.HistoryTrades:N0} trades into the SQLite file in {took.TotalSeconds:F1} s");
                Console.WriteLine($"   app restarted in {(await app.StartAsync(ct)).TotalSeconds:F1} s");
            }

            var runStart = DateTime.UtcNow;
            var bodies = new AlertBodies(targets, $"L{s.Name}{runStart:HHmmss}");
            SaturationResult saturation;
            using (var sender = new WebhookSender(app.BaseUrl, bodies, o.Connections))
            {
                saturation = await LoadModes.SaturateAsync(sender, 0, o.Connections, o.WarmUp, o.Measured, ct, () => app.CpuTime);
                Console.WriteLine($"   saturation, {o.Connections} connections, {o.Measured.TotalSeconds:F0} s after {o.WarmUp.TotalSeconds:F0} s warm-up: "
                    + $"{saturation.AcceptedPerSecond:N0} accepted/s ({saturation.CpuMsPerAccepted:F2} ms of app CPU each), {saturation.Non200} non-200 in the window ({sender.Non200Summary()} in all), {saturation.Failed} failed");
            }

            // The backlog (503s are still applied) and copy-trade fills drain before the fixed-rate phase.
            if (!await SignalAudit.WaitForQuietAsync(api, targets, TimeSpan.FromSeconds(120), ct))
                Console.WriteLine("   (the engine was still storing signals 120 s after the saturation phase)");
            FixedRateResult fixedRate;
            using (var sender = new WebhookSender(app.BaseUrl, bodies, 1024))
            {
                fixedRate = await LoadModes.FixedRateAsync(sender, 100_000_000, o.Rate, o.Measured, ct);
                Console.WriteLine($"   fixed {o.Rate}/s for {o.Measured.TotalSeconds:F0} s (scheduled {fixedRate.AchievedRate:N0}/s): p50 {fixedRate.P50Ms:F1} ms, "
                    + $"p90 {fixedRate.P90Ms:F1}, p99 {fixedRate.P99Ms:F1}, max {fixedRate.MaxMs:F1}; {fixedRate.Non200} non-200 ({sender.Non200Summary()}), {fixedRate.Failed} failed");
            }

            if (!await SignalAudit.WaitForQuietAsync(api, targets, TimeSpan.FromSeconds(120), ct))
                Console.WriteLine("   (the engine was still storing signals 120 s after the fixed-rate phase; the check may see a moving list)");
            var audit = await SignalAudit.CheckAsync(api, bodies, [saturation.Record, fixedRate.Record], runStart,
                (saturation.WindowStartUtc, saturation.WindowEndUtc), ct);
            Console.WriteLine($"   database: {audit.AnsweredOk:N0} answered 200, {audit.Stored:N0} stored, {audit.Missing} missing, "
                + $"{audit.RecordedTwice} recorded twice, {audit.Intents:N0} intents ({audit.IntentsPerSignal:F2} per signal); "
                + $"engine decided {audit.DecidedPerSecond:N0} signals/s in the saturation window (503s included)");
            await app.StopAsync();

            SaturationResult bare;
            var bareBodies = new AlertBodies([new WebhookTarget(0, "/webhook/bare", "MNQ1!", 21500.25m)], $"B{s.Name}{runStart:HHmmss}");
            using (var sender = new WebhookSender(bareUrl, bareBodies, o.Connections))
                bare = await LoadModes.SaturateAsync(sender, 0, o.Connections, BareWarmUp, o.Measured, ct);
            Console.WriteLine($"   bare Kestrel, same load: {bare.OkPerSecond:N0} req/s");
            return new ScenarioResult(s, saturation, bare, fixedRate, audit);
        }
        finally
        {
            await app.DisposeAsync();
            if (!o.Keep) TryDelete(data);
        }
    }

    private static void PrintTable(LoadOptions o, List<ScenarioResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"webhook load, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, saturation {o.Connections} connections "
            + $"{o.Measured.TotalSeconds:F0} s, fixed rate {o.Rate}/s {o.Measured.TotalSeconds:F0} s");
        Console.WriteLine("| scenario | accepted/s | app CPU ms/signal | bare req/s | ratio | decided/s | p50 ms @rate | p99 ms @rate | max ms @rate | non-200 (sat / rate) | missing | twice | intents/signal |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var ratio = r.Bare.OkPerSecond > 0 ? r.Saturation.AcceptedPerSecond / r.Bare.OkPerSecond : double.NaN;
            Console.WriteLine($"| {r.Scenario.Name}: {r.Scenario.Description} | {r.Saturation.AcceptedPerSecond:N0} | {r.Saturation.CpuMsPerAccepted:F2} | {r.Bare.OkPerSecond:N0} | {ratio:P1} | {r.Audit.DecidedPerSecond:N0} | "
                + $"{r.Fixed.P50Ms:N1} | {r.Fixed.P99Ms:N1} | {r.Fixed.MaxMs:N1} | {r.Saturation.Non200 + r.Saturation.Failed} / {r.Fixed.Non200 + r.Fixed.Failed} | "
                + $"{r.Audit.Missing} | {r.Audit.RecordedTwice} | {r.Audit.IntentsPerSignal:F2} |");
        }
        var empty = results.FirstOrDefault(r => r.Scenario.Name == "a");
        var history = results.FirstOrDefault(r => r.Scenario.Name == "c");
        if (empty is not null && history is not null && empty.Saturation.AcceptedPerSecond > 0)
            Console.WriteLine($"history (c) vs empty (a): accepted/s {history.Saturation.AcceptedPerSecond / empty.Saturation.AcceptedPerSecond - 1:+0.0%;-0.0%}, "
                + $"p99 {history.Fixed.P99Ms / empty.Fixed.P99Ms - 1:+0.0%;-0.0%}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
