using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BlazorTrader.Tests.Web.Browser;

/// <summary>
/// Headless Chromium against the real app on Kestrel: log in, create a recorder in the form, send its
/// webhook, watch the position appear without a reload; screenshots of every page on desktop and phone
/// go to docs/screenshots/ and the test output's screenshots/ folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UiBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly (int Width, int Height) Desktop = (1366, 900);
    private static readonly (int Width, int Height) Phone = (390, 844);

    private BrowserAppFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        if (Chromium.Path is null)
        {
            if (Chromium.MustRun) throw new InvalidOperationException("CI is set but Chromium is missing: scripts/install-test-deps.sh must install it.");
            return;   // the fact is skipped
        }
        _app = new BrowserAppFactory();
        _http.BaseAddress = _app.BaseUri;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Path, Headless = true, Args = Chromium.Args });
    }

    [ChromiumFact]
    public async Task Trader_CreatesRecorder_SendsWebhook_AndSeesThePositionLive_OnDesktopAndPhone()
    {
        // Arrange: a desktop session that logs in through the form
        var desktop = await NewSignedInPageAsync(Desktop, screenshotLogin: true);

        // Act 1: create a recorder in the form (exits far away: the simulated walk must not close the position during the test)
        await GotoAsync(desktop, "/recorders/new");
        await desktop.Locator("input[data-testid=name]").FillAsync("MNQ scalper");
        await desktop.Locator("input[data-testid=tp-value-0]").FillAsync("400");
        await desktop.Locator("input[data-testid=tp-value-1]").FillAsync("800");
        await desktop.Locator("input[data-testid=sl-amount]").FillAsync("200");
        await desktop.Locator("[data-testid=save]").ClickAsync();
        var webhookUrl = (await desktop.Locator("[data-testid=webhook-url]").TextContentAsync(new() { Timeout = 10_000 }))!.Trim();
        await ShotAsync(desktop, "desktop", "recorder-created");
        var webhookPath = new Uri(webhookUrl).AbsolutePath;
        Assert.StartsWith("/webhook/", webhookPath);

        // A reload (on a phone: back from the TradingView app) still shows the URL until the trader confirms the copy
        await desktop.ReloadAsync();
        await desktop.WaitForSelectorAsync("body[data-interactive=true]");
        Assert.Equal(webhookUrl, (await desktop.Locator("[data-testid=webhook-url]").TextContentAsync(new() { Timeout = 10_000 }))!.Trim());
        await desktop.Locator("[data-testid=webhook-copied]").ClickAsync();
        await desktop.Locator("[data-testid=webhook-url]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5_000 });
        await GotoAsync(desktop, "/recorders");
        await desktop.WaitForTimeoutAsync(500);
        Assert.Equal(0, await desktop.Locator("[data-testid=webhook-url]").CountAsync());

        // Act 2: the control center is open in two browsers (two circuits) when the webhook arrives
        var phone = await NewSignedInPageAsync(Phone, screenshotLogin: true);
        await GotoAsync(desktop, "/");
        ILocator[] tables = [desktop.Locator("[data-testid=positions-table]"), phone.Locator("[data-testid=positions-table]")];
        foreach (var table in tables) await table.GetByText("No open positions.").WaitForAsync();
        var clock = Stopwatch.StartNew();
        var (status, body) = await PostWebhookAsync(webhookPath, """{"action":"buy","ticker":"MNQ1!","price":21500.25}""");
        await Task.WhenAll(tables.Select(t => t.GetByText("MNQ1!").WaitForAsync(new() { Timeout = 5_000 })));
        clock.Stop();

        // Assert: accepted, and on both screens without a reload
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        output.WriteLine($"webhook -> position on both screens: {clock.ElapsedMilliseconds} ms");
        // 2 s on an ordinary machine; BT_UI_LATENCY_BUDGET_MS widens it where many builds share the cores (the figure is printed either way).
        var budget = int.TryParse(Environment.GetEnvironmentVariable("BT_UI_LATENCY_BUDGET_MS"), out var ms) ? ms : 2000;
        Assert.True(clock.ElapsedMilliseconds < budget, $"the position took {clock.ElapsedMilliseconds} ms to appear (budget {budget} ms)");
        await desktop.Locator("[data-testid=live-log]").GetByText("MNQ1!").First.WaitForAsync(new() { Timeout = 5_000 });
        // Times are exchange time with the zone's label, never bare UTC
        var firstLogTime = await desktop.Locator("[data-testid=live-log] .bt-log-time").First.TextContentAsync();
        Assert.Matches(@"^\d{2}:\d{2}:\d{2} ET$", firstLogTime!.Trim());
        await desktop.Locator("[data-testid=status-chips]").GetByText("Market data: Simulated").WaitForAsync(new() { Timeout = 5_000 });

        // More history for the other pages: a win, a loss, and one position left open
        await PostWebhookAsync(webhookPath, """{"action":"close","ticker":"MNQ1!","price":21510.25}""");
        await PostWebhookAsync(webhookPath, """{"action":"sell","ticker":"MNQ1!","price":21520}""");
        await PostWebhookAsync(webhookPath, """{"action":"close","ticker":"MNQ1!","price":21524}""");
        await PostWebhookAsync(webhookPath, """{"action":"buy","ticker":"ES1!","price":5000.25,"quantity":2}""");
        await tables[0].GetByText("ES1!").WaitForAsync(new() { Timeout = 5_000 });
        await tables[0].GetByText("MNQ1!").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5_000 });

        // A manual order from the control center goes to the default paper account
        await desktop.GetByPlaceholder("MNQ1!").FillAsync("MNQ1!");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Buy", Exact = true }).ClickAsync();
        var orderResult = desktop.Locator("[data-testid=order-result]");
        await orderResult.GetByText(new System.Text.RegularExpressions.Regex("^(Filled|Order sent): buy 1 MNQ1! on ")).WaitForAsync(new() { Timeout = 10_000 });
        Assert.DoesNotContain("account 1", await orderResult.TextContentAsync());

        // A scheduled strategy's entry (CL1!, with a bracket that rests at the paper broker) fires from Hangfire
        await ScheduledEntryAsync("CL1!");

        // All three are on the Control Center, marked by kind, each with its close button, on both screens
        foreach (var table in tables)
        {
            foreach (var (ticker, kind) in new[] { ("ES1!", "recorder"), ("MNQ1!", "account"), ("CL1!", "account") })
            {
                var row = table.Locator("tr", new() { HasText = ticker });
                await row.First.WaitForAsync(new() { Timeout = 15_000 });
                Assert.Equal(kind, (await row.First.Locator("[data-testid=position-kind]").TextContentAsync())!.Trim());
                Assert.True(await row.First.Locator("[data-testid=position-close]").IsVisibleAsync(), $"{ticker}: no visible close button");
            }
        }
        // Manual and scheduled trades have their lines in the live log; the bracket's orders are listed with a cancel, in exchange time
        var log = desktop.Locator("[data-testid=live-log]");
        await log.GetByText(new System.Text.RegularExpressions.Regex(@"manual buy 1 MNQ1! filled at")).First.WaitForAsync(new() { Timeout = 10_000 });
        await log.GetByText(new System.Text.RegularExpressions.Regex(@"scheduled buy 1 CL1! filled at")).First.WaitForAsync(new() { Timeout = 10_000 });
        var working = desktop.Locator("[data-testid=working-orders] tr", new() { HasText = "CL1!" });
        await working.First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(2, await working.CountAsync());   // the take-profit and the stop
        Assert.Matches(@"\d{2}-\d{2} \d{2}:\d{2}:\d{2} ET", await working.First.TextContentAsync());

        // An unknown ticker is refused on the panel before anything is sent
        await desktop.GetByPlaceholder("MNQ1!").FillAsync("NOSUCH1!");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Buy", Exact = true }).ClickAsync();
        await orderResult.GetByText(new System.Text.RegularExpressions.Regex("NOSUCH")).WaitForAsync(new() { Timeout = 10_000 });
        Assert.DoesNotContain("sent", await orderResult.TextContentAsync(), StringComparison.OrdinalIgnoreCase);

        var recorderId = await RecorderIdAsync("MNQ scalper");
        string[] pages = ["/", "/recorders", $"/recorders/{recorderId}", $"/recorders/{recorderId}/edit", "/trades", "/pnl", "/strategies", "/accounts", "/settings"];
        await ShootAllAsync(desktop, "desktop", pages);

        await ShootAllAsync(phone, "phone", pages);

        // Desktop: the close button of each position is inside the window at 1366 px
        await GotoAsync(desktop, "/");
        var closeButton = desktop.Locator("[data-testid=positions-table] tr", new() { HasText = "ES1!" }).GetByRole(AriaRole.Button, new() { Name = "Close ES1!" });
        var closeBox = await RenderedBoxAsync(closeButton);
        Assert.NotNull(closeBox);
        Assert.True(closeBox.X + closeBox.Width <= Desktop.Width, $"the close button ends at {closeBox.X + closeBox.Width} px, past {Desktop.Width}");

        // Phone: Flatten All and the kill switch stay at the top while scrolled to the bottom; touch targets are at least 44 px
        await GotoAsync(phone, "/");
        await phone.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await phone.WaitForTimeoutAsync(300);
        var bar = await phone.Locator("[data-testid=emergency-bar]").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.True(bar.Y < 120, $"the emergency bar is at y={bar.Y} after scrolling");
        foreach (var name in new[] { "Flatten all", "Kill switch" })
        {
            var box = await phone.Locator("[data-testid=emergency-bar]").GetByRole(AriaRole.Button, new() { Name = name }).BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 }, $"{name} is {box?.Height} px high");
        }
        var phoneClose = await RenderedBoxAsync(phone.GetByRole(AriaRole.Button, new() { Name = "Close ES1!" }));
        Assert.True(phoneClose is { Width: >= 44, Height: >= 44 }, $"the close button is {phoneClose?.Width}x{phoneClose?.Height} px");
        await ShotAsync(phone, "phone", "control-center-scrolled");

        // Closing goes through the engine for both kinds: the recorder's position (ClosePosition, on the book) and an
        // account's (CloseAccountPosition, a market order); cancelling a working order too (CancelOrder)
        await GotoAsync(desktop, "/");
        var positions = desktop.Locator("[data-testid=positions-table]");
        // The engine's answer shows as a snackbar; when it is not the close's, the failure names what the snackbars said.
        // A click that answered nothing at all (CI once showed no snackbar in 15 s: the live table re-rendered under the
        // pointer) is clicked again; the close's request id makes a second delivery "already sent", never a second close.
        var closed = desktop.Locator(".mud-snackbar", new() { HasText = "Position closed." });
        for (var attempt = 1; ; attempt++)
        {
            await positions.Locator("tr", new() { HasText = "ES1!" }).Locator("[data-testid=position-close]").ClickAsync();
            try { await closed.WaitForAsync(new() { Timeout = 10_000 }); break; }
            catch (TimeoutException)
            {
                var shown = await desktop.Locator(".mud-snackbar").AllInnerTextsAsync();
                if (attempt < 3 && shown.Count == 0) continue;
                Assert.Fail($"no 'Position closed.' snackbar after {attempt} clicks; shown: [{string.Join(" | ", shown)}]");
            }
        }
        await positions.Locator("tr", new() { HasText = "ES1!" }).WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        // The same for the account's close (a full-suite run once lost this click too); a repeat is "already sent".
        var mnq = positions.Locator("tr", new() { HasText = "MNQ1!" });
        for (var attempt = 1; ; attempt++)
        {
            await mnq.Locator("[data-testid=position-close]").ClickAsync();
            try { await mnq.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 }); break; }
            catch (TimeoutException) when (attempt < 3) { if (await mnq.CountAsync() == 0) break; }
        }
        var cancels = desktop.Locator("[data-testid=working-orders] tr", new() { HasText = "CL1!" });
        await cancels.First.Locator("[data-testid=order-cancel]").ClickAsync();
        await desktop.Locator("[data-testid=working-orders] tr", new() { HasText = "CL1!" }).Nth(1)
            .WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.Contains("manual close", await TradesExitReasonsAsync());

        // The recording switch goes through the engine too: once off, the recorder's webhooks are ignored
        await desktop.Locator("[data-testid=recorder-toggles] input[type=checkbox]").First.ClickAsync(new() { Force = true });
        // Snackbars are capped: this one may wait behind those of the closes and the cancel
        await desktop.GetByText("MNQ scalper: recording off").WaitForAsync(new() { Timeout = 30_000 });
        var (_, ignored) = await PostWebhookAsync(webhookPath, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        Assert.Equal("ignored", ignored.GetProperty("status").GetString());

        // The reconnect panel, as Blazor shows it when the circuit drops: a banner over the last state
        await desktop.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-show')");
        Assert.True(await desktop.Locator(".bt-reconnect-when-show").IsVisibleAsync());
        await ShotAsync(desktop, "desktop", "reconnecting");

        // A restarted server rejects the old circuit: the page reloads by itself
        await desktop.EvaluateAsync("() => { window.__beforeReload = true; }");
        await desktop.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-rejected')");
        await desktop.WaitForFunctionAsync("() => window.__beforeReload === undefined", null, new() { Timeout = 10_000 });
        await desktop.WaitForSelectorAsync("body[data-interactive=true]");
    }

    private async Task<IPage> NewSignedInPageAsync((int Width, int Height) size, bool screenshotLogin)
    {
        var phone = size == Phone;
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = _app!.BaseUri.ToString(),
            ViewportSize = new() { Width = size.Width, Height = size.Height },
            IsMobile = phone,
            HasTouch = phone,
            ColorScheme = ColorScheme.Dark,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url);   // every page needs the login
        if (screenshotLogin) await ShotAsync(page, phone ? "phone" : "desktop", "login");
        await page.FillAsync("#username", BrowserAppFactory.AdminUser);
        await page.FillAsync("#password", BrowserAppFactory.AdminPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.WaitForSelectorAsync("body[data-interactive=true]");
        return page;
    }

    /// <summary>
    /// The element's box once the live table has rendered it. A live update may re-render the row between a wait and the
    /// measure: the row that is there then is measured.
    /// </summary>
    private static async Task<LocatorBoundingBoxResult?> RenderedBoxAsync(ILocator element)
    {
        await element.WaitForAsync(new() { Timeout = 10_000 });
        var box = await element.BoundingBoxAsync();
        for (var attempt = 0; box is null && attempt < 50; attempt++)
        {
            await Task.Delay(100);
            box = await element.BoundingBoxAsync();
        }
        return box;
    }

    private static async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("body[data-interactive=true]");
    }

    private async Task ShootAllAsync(IPage page, string device, string[] paths)
    {
        foreach (var path in paths)
        {
            await GotoAsync(page, path);
            if (path == "/pnl") await page.Locator("[data-testid=pnl-chart] .main-svg").First.WaitForAsync(new() { Timeout = 15_000 });
            await page.WaitForTimeoutAsync(400);   // let the throttled live components settle before the picture
            // Nothing may stick out on the right: app.css hides overflow-x, so this looks for content cut off, not for a scrollbar.
            var outside = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1; })
                    .filter(e => !e.closest('.mud-popover, .mud-drawer'))
                    .slice(0, 5).map(e => `${e.tagName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`)
                """);
            Assert.True(outside.Length == 0, $"{path} on {device} ({page.ViewportSize!.Width}px) has content past the right edge: {string.Join(" | ", outside)}");
            var name = path == "/" ? "control-center" : path.Trim('/').Replace('/', '-');
            if (name.StartsWith("recorders-", StringComparison.Ordinal)) name = name.EndsWith("-edit", StringComparison.Ordinal) ? "recorder-edit" : "recorder-detail";
            await ShotAsync(page, device, name);
        }
    }

    private async Task ShotAsync(IPage page, string device, string name)
    {
        var file = $"{device}-{name}.png";
        var bytes = await page.ScreenshotAsync(new() { FullPage = true });
        foreach (var dir in ScreenshotDirectories())
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, file), bytes);
        }
        output.WriteLine($"screenshot {file}");
    }

    /// <summary>
    /// screenshots/ next to the test binaries (the CI artifact), and docs/screenshots/ in the repository (shown by the
    /// README) only when BT_UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the working tree clean.
    /// </summary>
    private static IEnumerable<string> ScreenshotDirectories()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Environment.GetEnvironmentVariable("BT_UPDATE_SCREENSHOTS") != "1") yield break;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlazorTrader.sln")))
            {
                yield return Path.Combine(dir.FullName, "docs", "screenshots");
                yield break;
            }
        }
    }

    private async Task<(HttpStatusCode, JsonElement)> PostWebhookAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "text/plain");
        using var response = await _http.PostAsync(path, content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"webhook {json} answered {(int)response.StatusCode}: {body}");
        return (response.StatusCode, body);
    }

    /// <summary>
    /// A single-instrument strategy on the paper account, its entry job triggered as the dashboard's "Trigger now" does.
    /// On a day its exchange is closed the job rightly skips; then the test sends the command the job sends (same key and source).
    /// </summary>
    private async Task ScheduledEntryAsync(string ticker)
    {
        var services = _app!.Services;
        var account = (await ApiAsync<JsonElement>(HttpMethod.Get, "/api/accounts")).GetProperty("items").EnumerateArray().First().GetProperty("id").GetInt64();
        var strategy = await ApiAsync<JsonElement>(HttpMethod.Post, "/api/strategies", new
        {
            name = "open drive", account, ticker, side = "buy", size = 1, entryTime = "00:00", exitTime = "23:59",
            days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }, exitUnits = "ticks", takeProfit = 500, stopLoss = 500,
        });
        var id = strategy.GetProperty("id").GetInt64();
        var jobs = (Hangfire.IRecurringJobManagerV2)services.GetRequiredService<Hangfire.IRecurringJobManager>();
        var jobId = jobs.TriggerJob(BlazorTrader.Engine.Scheduling.Strategies.ScheduleKeys.EntryJob(id))!;
        var storage = services.GetRequiredService<Hangfire.JobStorage>();
        for (var i = 0; i < 300; i++)
        {
            using var connection = storage.GetConnection();
            var state = connection.GetStateData(jobId)?.Name;
            if (state == Hangfire.States.SucceededState.StateName || state == Hangfire.States.FailedState.StateName) break;
            await Task.Delay(100);
        }
        var db = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BlazorTrader.Engine.Persistence.TradingDbContext>>();
        await using var ctx = await db.CreateDbContextAsync();
        if (ctx.OrderIntents.Any(i => i.Source == "scheduled")) return;
        output.WriteLine("the entry job skipped (exchange closed today): sending its command directly");
        var calendar = services.GetRequiredService<BlazorTrader.Engine.Scheduling.Calendar.TradingCalendar>();
        var key = BlazorTrader.Engine.Scheduling.Strategies.ScheduleKeys.EntryIntent(id, calendar.TradingDay(DateTimeOffset.UtcNow));
        var outcome = await services.GetRequiredService<BlazorTrader.Engine.ITradingEngine>().SendAsync(new BlazorTrader.Engine.Commands.PlaceOrder(
            new BlazorTrader.Engine.Commands.OrderTicket(account, ticker, BlazorTrader.Engine.Commands.OrderAction.Buy, 1,
                BlazorTrader.Engine.Commands.OrderType.Market, key, "scheduled", Bracket: new BlazorTrader.Engine.Commands.Bracket(80m, 60m))),
            TimeSpan.FromSeconds(30));
        Assert.Equal(BlazorTrader.Engine.Commands.PlaceOrderStatus.Accepted, outcome.Status);
    }

    private async Task<string[]> TradesExitReasonsAsync() =>
        [.. (await ApiAsync<JsonElement>(HttpMethod.Get, "/api/trades")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("exitReason").GetString() ?? "")];

    private async Task<T> ApiAsync<T>(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", AppFactory.ApiKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text)!;
    }

    private async Task<long> RecorderIdAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/recorders");
        request.Headers.Add("X-Api-Key", AppFactory.ApiKey);
        using var response = await _http.SendAsync(request);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return list.GetProperty("items").EnumerateArray().First(r => r.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>Chromium and a Kestrel host are heavy: the browser test runs alone, after the parallel tests, so it neither slows them nor is slowed by them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
