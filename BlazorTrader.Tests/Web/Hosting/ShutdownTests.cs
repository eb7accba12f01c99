using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using BlazorTrader.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace BlazorTrader.Tests.Web.Hosting;

/// <summary>SIGTERM (systemd, docker stop) stops the app quickly and cleanly every time, with the engine's state on disk.</summary>
public sealed class ShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(10);

    [UnixFact]
    public async Task Sigterm_StopsTheRunningApp_WithExitCode0_Within10Seconds_FiveTimesInARow()
    {
        // Arrange: the app as it is deployed (dotnet BlazorTrader.dll), on one data directory restarted five times
        var data = Directory.CreateTempSubdirectory("bt-sigterm-").FullName;
        try
        {
            for (var run = 1; run <= 5; run++)
            {
                var port = FreePort();
                using var app = StartApp(port, data);
                var log = new System.Text.StringBuilder();
                app.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
                app.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
                app.BeginOutputReadLine();
                app.BeginErrorReadLine();
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
                await WaitUntilReadyAsync(http, app, log);
                await TradeAsync(http, run);   // a recorder, a webhook and a manual order: the engine, the paper broker and Hangfire are busy

                // Act
                var clock = Stopwatch.StartNew();
                Assert.Equal(0, Kill(app.Id, Sigterm));
                var exited = await WaitForExitAsync(app, StopBudget);
                clock.Stop();

                // Assert
                if (!exited) app.Kill(entireProcessTree: true);
                string text;
                lock (log) text = log.ToString();
                output.WriteLine($"run {run}: stopped in {clock.ElapsedMilliseconds} ms, exit code {(exited ? app.ExitCode : -1)}");
                Assert.True(exited, $"run {run}: still running {StopBudget.TotalSeconds} s after SIGTERM\n{Tail(text)}");
                Assert.True(app.ExitCode == 0, $"run {run}: exit code {app.ExitCode}\n{Tail(text)}");
                Assert.DoesNotContain("Unhandled exception", text);
            }
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    [Fact]
    public async Task BoundedStop_GivesUpOnAStopThatNeverEnds_AtItsDeadline_WithoutThrowing()
    {
        // Arrange: a hosted service whose stop never completes (a job that ignores cancellation)
        var time = new FakeTimeProvider();
        var stuck = new StuckService();
        var bounded = new BoundedStopHostedService(stuck, TimeSpan.FromSeconds(4), time, NullLogger<BoundedStopHostedService>.Instance);

        // Act
        var stop = bounded.StopAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3));
        var earlyDone = stop.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: it waited for the deadline, then returned normally
        Assert.False(earlyDone);
        Assert.True(stuck.StopRequested);
    }

    [Fact]
    public void HangfiresServer_IsRegisteredBehindTheBoundedStop()
    {
        using var app = new AppFactory();

        var hosted = app.Services.GetServices<IHostedService>().ToList();

        Assert.Single(hosted.OfType<BoundedStopHostedService>());
        Assert.DoesNotContain(hosted, h => h.GetType().FullName!.StartsWith("Hangfire.", StringComparison.Ordinal));
    }

    private sealed class StuckService : IHostedService
    {
        public bool StopRequested { get; private set; }
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) { StopRequested = true; return new TaskCompletionSource().Task; }
    }

    private static Process StartApp(int port, string data)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "BlazorTrader.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--BlazorTrader:DataDirectory", data, "--BlazorTrader:ApiKey", AppFactory.ApiKey,
            "--BlazorTrader:AdminPassword", "sigterm-test", "--MarketData:Source", "Simulated",
        }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process app, System.Text.StringBuilder log)
    {
        // Generous: the test machine is shared; the engine must be ready, not only Kestrel listening.
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (app.HasExited) break;
            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy machine */ }
            await Task.Delay(250);
        }
        string text;
        lock (log) text = log.ToString();
        throw new InvalidOperationException($"the app did not become healthy\n{Tail(text)}");
    }

    private static async Task TradeAsync(HttpClient http, int run)
    {
        http.DefaultRequestHeaders.Remove("X-Api-Key");
        http.DefaultRequestHeaders.Add("X-Api-Key", AppFactory.ApiKey);
        using var created = await http.PostAsJsonAsync("api/recorders", new { name = $"sigterm {run}", initialPositionSize = 1, addPositionSize = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var recorder = await created.Content.ReadFromJsonAsync<JsonElement>();
        var webhook = new Uri(recorder.GetProperty("webhookUrl").GetString()!).AbsolutePath;
        var (status, _) = await http.PostWebhookAsync(webhook.TrimStart('/'), """{"action":"buy","ticker":"MNQ1!","price":21500.25}""");
        // On a loaded machine the engine may answer after the webhook's deadline (503, "resend is a duplicate"); either way it is busy.
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"webhook answered {(int)status}");
        using var order = await http.PostAsJsonAsync("api/orders", new { ticker = "ES1!", side = "buy", quantity = 1, type = "market", requestId = $"sigterm-{run}-{Guid.NewGuid():N}" });
        Assert.True((int)order.StatusCode < 500, $"order answered {(int)order.StatusCode}");   // a paper fill or a refusal (market closed): never a 5xx
    }

    private static async Task<bool> WaitForExitAsync(Process app, TimeSpan budget)
    {
        using var cts = new CancellationTokenSource(budget);
        try
        {
            await app.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>A fact for POSIX signals: skipped on Windows, which has no SIGTERM.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "SIGTERM is POSIX only.";
    }
}
