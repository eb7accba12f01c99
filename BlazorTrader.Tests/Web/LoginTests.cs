using System.Net;
using System.Text.RegularExpressions;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Hosting.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

public sealed class LoginAppFactory() : AppFactory(new Dictionary<string, string?>
{
    ["BlazorTrader:AdminUser"] = "trader",
    ["BlazorTrader:AdminPassword"] = LoginTests.Password,
});

public partial class LoginTests(LoginAppFactory app) : IClassFixture<LoginAppFactory>
{
    public const string Password = "correct horse battery staple";

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/")]
    [InlineData("/recorders")]
    [InlineData("/recorders/new")]
    [InlineData("/trades")]
    [InlineData("/pnl")]
    [InlineData("/export/trades.csv")]
    [InlineData("/hangfire")]
    [InlineData("/accounts")]
    [InlineData("/settings")]
    public async Task EveryPage_RedirectsToLogin_WhenNotSignedIn(string path)
    {
        using var client = Browser();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_WithTheConfiguredPassword_OpensTheControlCenter()
    {
        // Arrange
        using var client = Browser();

        // Act
        using var login = await PostLoginAsync(client, "trader", Password, returnUrl: "/trades");
        using var page = await client.GetAsync("/trades");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/trades", login.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Trades", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HangfireDashboard_OpensOnceSignedIn()
    {
        using var client = Browser();
        using var login = await PostLoginAsync(client, "trader", Password);

        using var dashboard = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("BlazorTrader jobs", await dashboard.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WithAWrongPassword_StaysOnTheLoginPage_AndSetsNoCookie()
    {
        using var client = Browser();

        using var login = await PostLoginAsync(client, "trader", "wrong");
        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Wrong user or password", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Login_NeverRedirectsToAnotherSite()
    {
        using var client = Browser();

        using var login = await PostLoginAsync(client, "trader", Password, returnUrl: "//evil.example/phish");

        Assert.Equal(new Uri("http://localhost/"), login.Headers.Location);
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("https, http", true)]
    [InlineData(null, false)]
    [InlineData("http", false)]
    public async Task AuthCookie_IsSecure_WhenATlsProxyForwardsHttps_WithoutTrustedProxiesConfigured(string? forwardedProto, bool secure)
    {
        // Arrange: no Webhooks:TrustedProxies; the proxy terminates TLS and talks plain HTTP to the app
        using var client = Browser();
        if (forwardedProto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);

        // Act
        using var login = await PostLoginAsync(client, "trader", Password);

        // Assert: Secure exactly when the browser's side is HTTPS (plain HTTP on a LAN must still be able to sign in)
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("BlazorTrader.Auth", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Split(';').Any(part => part.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RestApi_StillNeedsTheApiKey_EvenWithoutCookie()
    {
        using var client = Browser();

        using var response = await client.GetAsync("/api/recorders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WithoutConfiguredPassword_OneIsGenerated_AndOnlyItsHashIsStored()
    {
        // AppFactory (no AdminPassword): the first start generated and printed it
        using var plain = new AppFactory();
        using var _ = plain.CreateClient();
        var dbFactory = plain.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();

        var stored = await db.Secrets.SingleAsync(s => s.Name == FirstStartSecrets.AdminPasswordName);

        Assert.Equal(64, stored.Hash.Length);   // SHA-256 hex, never the password
    }

    [Fact]
    public async Task PasswordGuessing_IsRateLimited_PerClient()
    {
        // A factory of its own: the limit counts every request to /login from this (test) client address
        using var limited = new LoginAppFactory();
        using var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        var last = "";
        for (var i = 0; i <= CookieLoginExtensions.LoginAttemptsPerMinute; i++)
        {
            using var response = await client.GetAsync("/login");
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadAsStringAsync();
        }

        Assert.All(statuses.Take(CookieLoginExtensions.LoginAttemptsPerMinute), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Contains("Too many sign-in attempts", last);
    }

    [Theory]
    [InlineData("/trades", "/trades")]
    [InlineData("/recorders/3?x=1", "/recorders/3?x=1")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/login", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_KeepsOnlyLocalPaths(string? returnUrl, string expected) =>
        Assert.Equal(expected, CookieLoginExtensions.SafeReturnUrl(returnUrl));

    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(url);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Username"] = user,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
