using BenchmarkDotNet.Running;
using BlazorTrader.Bench;

// dotnet run -c Release --project bench/BlazorTrader.Bench -- latency [rate] [seconds]
if (args.Length > 0 && args[0] == "latency")
{
    LatencyHarness.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

// dotnet run -c Release --project bench/BlazorTrader.Bench -- webhooks <baseUrl> <apiKey> [count]
if (args.Length > 0 && args[0] == "webhooks")
{
    await WebhookLatency.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 500);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(TickBook).Assembly).Run(args);
