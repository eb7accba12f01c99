using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Bench.Load;

/// <summary>
/// The ceiling: a minimal ASP.NET Core app whose POST /webhook/{token} parses the same alert JSON with System.Text.Json
/// and answers 200 {"status":"accepted"}. Run as its own process (Server GC, like the app) so it never shares a heap
/// or thread pool with the load generator.
/// </summary>
internal static class BareKestrel
{
    public sealed record Alert(string? Action, string? Ticker, decimal? Price, decimal? Quantity, string? Id, DateTime? Time);

    public sealed record Reply(string Status);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>bench bare &lt;port&gt;: serves until killed.</summary>
    public static async Task ServeAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/webhook/{token}", async (string token, HttpRequest request, CancellationToken ct) =>
        {
            var alert = await JsonSerializer.DeserializeAsync<Alert>(request.Body, Json, ct);
            return alert is { Id: not null } ? Results.Ok(new Reply("accepted")) : Results.BadRequest(new Reply("invalid"));
        });
        app.MapGet("/health", () => Results.Ok());
        await app.RunAsync();
    }

    /// <summary>Starts `bench bare` as a child process with Server GC and waits until it answers.</summary>
    public static async Task<Process> StartAsync(int port, CancellationToken ct)
    {
        var self = typeof(BareKestrel).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(self);
        info.ArgumentList.Add("bare");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"bare: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var r = await probe.GetAsync($"http://127.0.0.1:{port}/health", ct);
                if (r.IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, ct);
        }
        process.Kill();
        throw new TimeoutException("the bare Kestrel baseline did not start");
    }
}
