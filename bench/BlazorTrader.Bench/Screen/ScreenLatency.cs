using System.Diagnostics;
using System.Globalization;
using System.Text;
using BlazorTrader.Bench.Load;
using Microsoft.Playwright;

namespace BlazorTrader.Bench.Screen;

/// <summary>
/// Webhook to screen: the time from posting a webhook that opens a position to its row on a Control Center open in a
/// headless Chromium (the trader's view). Each app given (this build, and a baseline build for the same run) starts
/// fresh (SQLite in a temp directory, no feed); one recorder, opened and closed <c>--count</c> times, the open timed, with a
/// random pause of 500-750 ms before each open.
/// </summary>
internal static class ScreenLatency
{
    private const string User = "admin";
    private const string Password = "bench-screen-password";
    private const int WarmUp = 3;
    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var count = 40;
        var apps = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--count") count = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else apps.Add(Path.GetFullPath(args[i]));
        }
        var chromium = Environment.GetEnvironmentVariable("BLAZORTRADER_CHROMIUM") is { Length: > 0 } configured ? configured
            : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Console.Error.WriteLine("Chromium is not installed: run scripts/install-test-deps.sh");
            return 2;
        }

        var table = new StringBuilder($"webhook to screen, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, {count} opens each\n");
        table.AppendLine("| app | opens | median ms | p90 ms | max ms |").AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var app in apps)
        {
            Console.WriteLine($"== {app}");
            var samples = await MeasureAsync(app, chromium, count, ct);
            samples.Sort();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {app} | {samples.Count} | {Percentile(samples, 0.5):0.0} | {Percentile(samples, 0.9):0.0} | {samples[^1]:0.0} |");
        }
        Console.WriteLine();
        Console.Write(table);
        return 0;
    }

    private static async Task<List<double>> MeasureAsync(string appDll, string chromium, int count, CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("bt-screen-").FullName;
        try
        {
            await using var app = new AppProcess(appDll, data, LoadCommand.FreePort(),
                ["--BlazorTrader:AdminUser", User, "--BlazorTrader:AdminPassword", Password]);
            Console.WriteLine($"   app started in {(await app.StartAsync(ct)).TotalSeconds:0.0} s");
            using var api = ScenarioSetup.Api(app.BaseUrl);
            var target = await ScenarioSetup.CreateRecorderAsync(api, "screen", "MNQ1!", 21500.25m, [], ct);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
            var page = await browser.NewPageAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1366, Height = 900 } });
            await page.GotoAsync("/");
            await page.FillAsync("#username", User);
            await page.FillAsync("#password", Password);
            await page.ClickAsync("#sign-in");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await page.WaitForSelectorAsync("body[data-interactive=true]");
            var positions = page.Locator("[data-testid=positions-table]");
            await positions.GetByText("No open positions.").WaitForAsync();

            using var webhooks = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var samples = new List<double>();
            var pause = new Random(42);
            for (var i = 0; i < count + WarmUp; i++)
            {
                var clock = Stopwatch.StartNew();
                await PostAsync(webhooks, target, $$"""{"action":"buy","ticker":"MNQ1!","price":21500.25,"id":"screen-{{i}}-open"}""", ct);
                await positions.GetByText("MNQ1!").WaitForAsync(new() { Timeout = 10_000 });
                clock.Stop();
                if (i >= WarmUp) samples.Add(clock.Elapsed.TotalMilliseconds);
                await PostAsync(webhooks, target, $$"""{"action":"close","ticker":"MNQ1!","price":21501.25,"id":"screen-{{i}}-close"}""", ct);
                await positions.GetByText("MNQ1!").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
                // Alerts come when the market says, not right after a redraw: the next one after a random pause.
                await Task.Delay(TimeSpan.FromMilliseconds(500 + pause.Next(250)), ct);
            }
            Console.WriteLine($"   {samples.Count} opens: median {Percentile([.. samples.Order()], 0.5):0.0} ms");
            return samples;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task PostAsync(HttpClient http, WebhookTarget target, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(target.Path, content, ct);
        await ScenarioSetup.EnsureAsync(response, $"POST {target.Path}", ct);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
