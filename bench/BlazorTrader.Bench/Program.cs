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

// bench/webhook-load.sh: dotnet BlazorTrader.Bench.dll load <BlazorTrader.dll> [--scenarios a,b,c] [--connections 64] [--seconds 10] [--rate 500]
//                       dotnet BlazorTrader.Bench.dll load <BlazorTrader.dll> --chaos [--kills 20] [--storm 300]
if (args.Length > 1 && args[0] == "load")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    Environment.ExitCode = args.Contains("--chaos")
        ? await BlazorTrader.Bench.Chaos.ChaosCommand.RunAsync(BlazorTrader.Bench.Chaos.ChaosOptions.Parse(Path.GetFullPath(args[1]), args[2..]), stop.Token)
        : await BlazorTrader.Bench.Load.LoadCommand.RunAsync(BlazorTrader.Bench.Load.LoadOptions.Parse(Path.GetFullPath(args[1]), args[2..]), stop.Token);
    return;
}

// bench/webhook-to-screen.sh: dotnet BlazorTrader.Bench.dll screen <BlazorTrader.dll> [<baseline BlazorTrader.dll>] [--count 40]
if (args.Length > 1 && args[0] == "screen")
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    Environment.ExitCode = await BlazorTrader.Bench.Screen.ScreenLatency.RunAsync(args[1..], stop.Token);
    return;
}

// The bare Kestrel baseline, started by `load` as its own process.
if (args.Length > 1 && args[0] == "bare")
{
    await BlazorTrader.Bench.Load.BareKestrel.ServeAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(TickBook).Assembly).Run(args);
