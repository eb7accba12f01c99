namespace BlazorTrader.Tests.Web.Browser;

/// <summary>
/// Debian's Chromium, which the browser tests drive through Playwright (never a downloaded browser).
/// scripts/install-test-deps.sh installs it; test.sh runs that script first.
/// </summary>
public static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static string? Path { get; } = Environment.GetEnvironmentVariable("BLAZORTRADER_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)
        ? configured
        : Candidates.FirstOrDefault(File.Exists);

    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>In CI the install script ran, so a missing browser is a failure, not a skip.</summary>
    public static bool MustRun => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false";
}

/// <summary>A fact that skips only when Chromium is not installed (outside CI); run scripts/install-test-deps.sh to get it.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.MustRun)
            Skip = "Chromium is not installed: run scripts/install-test-deps.sh (test.sh does) to run the browser tests.";
    }
}
