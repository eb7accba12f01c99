using System.Diagnostics;

namespace BlazorTrader.Bench.Load;

/// <summary>
/// The app under test as a child process: Release build, its own data directory, no feed, webhook rate limit
/// out of the way, warnings-only logging (as bench/webhook-latency.sh starts it). Killed with SIGKILL for chaos.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    public const string ApiKey = "bench-key";
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _appDll;
    private readonly IReadOnlyList<string> _extraArgs;
    private Process? _process;

    /// <param name="extraArgs">More configuration on the command line (an admin login for the browser).</param>
    public AppProcess(string appDll, string dataDirectory, int port, IReadOnlyList<string>? extraArgs = null)
    {
        _appDll = appDll;
        _extraArgs = extraArgs ?? [];
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string DatabasePath => Path.Combine(DataDirectory, "blazortrader.db");
    public string LogPath => Path.Combine(DataDirectory, "app.log");

    /// <summary>Starts the app and waits until /health answers and the engine takes webhooks; returns the start time.</summary>
    public async Task<TimeSpan> StartAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_appDll)!,
        };
        foreach (var arg in new[]
        {
            _appDll, "--urls", BaseUrl, "--BlazorTrader:DataDirectory", DataDirectory, "--BlazorTrader:ApiKey", ApiKey,
            "--MarketData:Source", "None", "--Webhooks:RateLimitPerMinute", "10000000", "--Logging:LogLevel:Default", "Warning",
        }.Concat(_extraArgs)) info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 180;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited) throw new InvalidOperationException($"the app exited with {_process.ExitCode} while starting; see {LogPath}");
            if (await ReadyAsync(ct)) return Stopwatch.GetElapsedTime(started);
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"the app did not become healthy within 180 s; see {LogPath}");
    }

    /// <summary>Healthy and leading: /health says so (a 503 there means the engine or database is not up yet).</summary>
    private async Task<bool> ReadyAsync(CancellationToken ct)
    {
        try
        {
            using var response = await Probe.GetAsync($"{BaseUrl}/health", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    /// <summary>CPU time the app has used so far (all its threads: engine, Kestrel, GC, JIT).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (_process is not { HasExited: false } p) return TimeSpan.Zero;
            p.Refresh();
            return p.TotalProcessorTime;
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flush, exactly what a crash or OOM kill does.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    /// <summary>A graceful stop (SIGTERM), so the database file is complete when the bench reads or seeds it.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p) return;
        using (var term = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { Kill(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
