using System.Diagnostics;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Bench;

/// <summary>
/// Tick-to-decision latency at a fixed offered rate: a producer thread publishes ticks into the
/// conflator at <c>rate</c> ticks/s; the consumer (the engine's loop shape) takes each and runs the tick
/// path. Latency = publish to end of the tick's TP/SL evaluation. Prints p50/p99/p99.9/max.
/// </summary>
internal static class LatencyHarness
{
    public static void Run(int rate, int seconds)
    {
        var (path, _, names) = TickBook.Create();
        var count = rate * seconds;
        var ticks = TickBook.Ticks(names, count);
        var conflator = new TickConflator();
        var published = new long[count];
        var latencies = new List<double>(count);
        var fills = new List<ExitFill>(64);
        var firstAt = ticks[0].At.UtcTicks;   // tick i is stamped firstAt + i, which identifies it
        var producerDone = false;

        var consumer = new Thread(() =>
        {
            while (true)
            {
                if (conflator.Reader.TryRead(out var slot))
                {
                    var tick = conflator.Take(slot);
                    path.Apply(tick, fills);
                    var decided = Stopwatch.GetTimestamp();
                    // A conflated tick is timed from its latest part's publish.
                    latencies.Add(Stopwatch.GetElapsedTime(published[tick.At.UtcTicks - firstAt], decided).TotalMicroseconds);
                    fills.Clear();
                    continue;
                }
                if (Volatile.Read(ref producerDone) && conflator.Backlog == 0) return;
                Thread.SpinWait(20);
            }
        }) { IsBackground = true };
        consumer.Start();

        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due) Thread.SpinWait(10);
            published[i] = Stopwatch.GetTimestamp();
            conflator.Publish(ticks[i]);
        }
        Volatile.Write(ref producerDone, true);
        consumer.Join(TimeSpan.FromSeconds(30));

        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        Console.WriteLine($"offered {rate:N0} ticks/s for {seconds} s: {count:N0} published, {conflator.Conflated:N0} conflated, {latencies.Count:N0} decided");
        Console.WriteLine($"tick-to-decision latency: p50 {P(0.50):F1} us, p99 {P(0.99):F1} us, p99.9 {P(0.999):F1} us, max {latencies[^1]:F1} us");
    }
}
