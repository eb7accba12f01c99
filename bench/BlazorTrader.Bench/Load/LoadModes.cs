using System.Diagnostics;

namespace BlazorTrader.Bench.Load;

/// <summary>The answers of one phase, by sequence number, with the counts inside the measured window.</summary>
internal sealed class PhaseRecord(long firstSeq, int capacity)
{
    private readonly SendOutcome[] _outcomes = new SendOutcome[capacity];

    public long FirstSeq { get; } = firstSeq;
    public long Sent;
    public long Overflow;

    public void Set(long seq, SendOutcome outcome)
    {
        var i = seq - FirstSeq;
        if (i < _outcomes.Length) _outcomes[i] = outcome;
        else Interlocked.Increment(ref Overflow);
    }

    public IEnumerable<(long Seq, SendOutcome Outcome)> Answered()
    {
        var count = Math.Min(Interlocked.Read(ref Sent), _outcomes.Length);
        for (var i = 0; i < count; i++) yield return (FirstSeq + i, _outcomes[i]);
    }

    public long Count(SendOutcome outcome) => Answered().LongCount(a => a.Outcome == outcome);
}

/// <param name="CpuMsPerAccepted">The app's CPU time (all cores) in the window per accepted signal; NaN when not measured.
/// Steadier than accepted/s on a shared machine: a neighbour's load takes cores away, not work per signal.</param>
internal sealed record SaturationResult(double AcceptedPerSecond, double OkPerSecond, long Non200, long Failed, PhaseRecord Record,
    DateTime WindowStartUtc, DateTime WindowEndUtc, double CpuMsPerAccepted = double.NaN);

internal sealed record FixedRateResult(double P50Ms, double P90Ms, double P99Ms, double MaxMs, long Non200, long Failed, double AchievedRate, PhaseRecord Record);

/// <summary>
/// Closed loop (C connections each sending the next webhook as soon as the last one is answered) and open loop
/// (a fixed schedule; latency from the scheduled send time, so a growing queue shows instead of being hidden).
/// </summary>
internal static class LoadModes
{
    public static async Task<SaturationResult> SaturateAsync(WebhookSender sender, long firstSeq, int connections, TimeSpan warmUp,
        TimeSpan measured, CancellationToken ct, Func<TimeSpan>? cpuTime = null)
    {
        var record = new PhaseRecord(firstSeq, 2_000_000);
        var next = firstSeq - 1;
        var start = Stopwatch.GetTimestamp();
        var startUtc = DateTime.UtcNow;
        var windowStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var ok = new long[connections];
        var accepted = new long[connections];
        var non200 = new long[connections];
        var failed = new long[connections];

        async Task WorkerAsync(int w)
        {
            while (Stopwatch.GetTimestamp() < windowEnd)
            {
                var seq = Interlocked.Increment(ref next);
                Interlocked.Increment(ref record.Sent);
                var outcome = await sender.SendAsync(seq, DateTime.UtcNow, ct);
                record.Set(seq, outcome);
                var now = Stopwatch.GetTimestamp();
                if (now < windowStart || now >= windowEnd) continue;
                switch (outcome)
                {
                    case SendOutcome.Accepted: accepted[w]++; ok[w]++; break;
                    case SendOutcome.Duplicate or SendOutcome.OtherOk: ok[w]++; break;
                    case SendOutcome.Non200: non200[w]++; break;
                    default: failed[w]++; break;
                }
            }
        }

        var workers = new Task[connections];
        for (var w = 0; w < connections; w++)
        {
            var index = w;
            workers[w] = Task.Run(() => WorkerAsync(index), ct);
        }
        var cpu = cpuTime is null ? Task.FromResult(TimeSpan.Zero) : MeasureCpuAsync(cpuTime, warmUp, measured, ct);
        await Task.WhenAll(workers);
        var seconds = measured.TotalSeconds;
        var acceptedCount = accepted.Sum();
        var cpuMs = cpuTime is null || acceptedCount == 0 ? double.NaN : (await cpu).TotalMilliseconds / acceptedCount;
        return new SaturationResult(acceptedCount / seconds, ok.Sum() / seconds, non200.Sum(), failed.Sum(), record,
            startUtc + warmUp, startUtc + warmUp + measured, cpuMs);
    }

    private static async Task<TimeSpan> MeasureCpuAsync(Func<TimeSpan> cpuTime, TimeSpan warmUp, TimeSpan measured, CancellationToken ct)
    {
        await Task.Delay(warmUp, ct);
        var before = cpuTime();
        await Task.Delay(measured, ct);
        return cpuTime() - before;
    }

    public static async Task<FixedRateResult> FixedRateAsync(WebhookSender sender, long firstSeq, int rate, TimeSpan duration, CancellationToken ct)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var record = new PhaseRecord(firstSeq, total);
        var latencies = new double[total];
        var pending = new Task[total];
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();

        async Task SendOneAsync(int i, long due)
        {
            var outcome = await sender.SendAsync(firstSeq + i, DateTime.UtcNow, ct);
            latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            record.Set(firstSeq + i, outcome);
        }

        // The schedule runs on its own thread so a slow answer never delays the next send (open loop).
        var dispatcher = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * interval);
                while (true)
                {
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait <= 0) break;
                    if (wait > Stopwatch.Frequency / 1000) Thread.Sleep(1); else Thread.SpinWait(50);
                }
                Interlocked.Increment(ref record.Sent);
                pending[i] = SendOneAsync(i, due);
            }
        }) { IsBackground = true, Name = "fixed-rate schedule" };
        dispatcher.Start();
        dispatcher.Join();
        var lastScheduled = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending);

        Array.Sort(latencies);
        return new FixedRateResult(Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies[^1],
            record.Count(SendOutcome.Non200), record.Count(SendOutcome.Failed), total / Math.Max(lastScheduled, 1e-9), record);
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
