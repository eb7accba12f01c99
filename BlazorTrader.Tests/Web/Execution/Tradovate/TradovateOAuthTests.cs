using System.Net;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution.Tradovate;

/// <summary>The "Connect Tradovate" OAuth code flow through the real app and the fake's login page.</summary>
public class TradovateOAuthTests
{
    [Fact]
    public async Task OAuthFlow_LoginPageRedirectsBackWithCode_TokenServesBothAccounts_WithoutAnyPasswordLogin()
    {
        // Arrange: two OAuth accounts, not connected yet; a signed-in browser
        await using var tv = await TradovateApp.StartAsync(oauth: true, waitConnected: false);
        using var browser = await SignedInBrowserAsync(tv);

        // Act: start -> Tradovate's page -> callback with code and state
        var start = await browser.GetAsync($"/api/oauth/tradovate/start?accountId={tv.One}");
        var loginPage = start.Headers.Location!;
        using var tradovate = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await tradovate.GetAsync(loginPage);
        var callback = consent.Headers.Location!;
        var done = await browser.GetAsync(callback.PathAndQuery);
        await tv.ConnectedAsync();
        var entry = await tv.SignalAsync("""{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await tv.EventuallyAsync(async () => (await tv.IntentsAsync(tv.Two)).Any(i => i.Status == OrderIntentStatus.Filled)
            && (await tv.IntentsAsync(tv.One)).Any(i => i.Status == OrderIntentStatus.Filled), "both entries to fill");

        // Assert: the redirect carried client id, redirect and state; the code was exchanged once, at demo
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith(tv.Fake.OAuthUrl, loginPage.ToString());
        Assert.Contains($"client_id={FakeTradovateServer.ClientId}", loginPage.Query);
        Assert.Contains("state=", loginPage.Query);
        Assert.Equal("/api/oauth/tradovate/callback", callback.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/accounts?connected={tv.One}", done.Headers.Location!.ToString());
        var exchange = Assert.Single(tv.Fake.OAuthExchanges);
        Assert.Equal(("authorization_code", FakeTradovateServer.ClientSecret), ((string)exchange["grant_type"]!, (string)exchange["client_secret"]!));
        Assert.Equal(0, tv.Fake.Logins);
        Assert.Equal(2, entry.GetProperty("intentIds").GetArrayLength());
        Assert.All(tv.Fake.Placements, p => Assert.True((bool)p.Body["isAutomated"]!));
        Assert.Equal(2m, (await tv.BookAsync(tv.Two, "MNQ1!"))!.Quantity);
        var stored = await StoredTokenAsync(tv, tv.Two);
        Assert.StartsWith("tok-", stored);

        // And: the token renewed before expiry is stored (a restart later needs no new consent), the brokers keep running
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.Renewals >= 1), "the renewal", step: TimeSpan.FromMinutes(5));
        await tv.EventuallyAsync(async () => await StoredTokenAsync(tv, tv.Two) != stored, "the renewed token stored");
        Assert.Equal(1, tv.Fake.SocketsAccepted);
    }

    private static async Task<string> StoredTokenAsync(TradovateApp tv, long accountId)
    {
        var account = await tv.App.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId));
        return tv.App.Services.GetRequiredService<AccountSettingsProtector>().Read(account)["accessToken"];
    }

    [Fact]
    public async Task Callback_WithoutTheStartingBrowsersNonce_OrWithAForgedState_IsRefusedAndNothingIsExchanged()
    {
        // Arrange: one browser starts; another signed-in browser (no nonce cookie) receives the callback
        await using var tv = await TradovateApp.StartAsync(oauth: true, waitConnected: false);
        using var starter = await SignedInBrowserAsync(tv);
        using var other = await SignedInBrowserAsync(tv);
        var start = await starter.GetAsync($"/api/oauth/tradovate/start?accountId={tv.One}");
        using var tradovate = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var callback = (await tradovate.GetAsync(start.Headers.Location!)).Headers.Location!;

        // Act
        var crossBrowser = await other.GetAsync(callback.PathAndQuery);
        var forged = await starter.GetAsync("/api/oauth/tradovate/callback?code=abc&state=not-ours");
        var missing = await starter.GetAsync("/api/oauth/tradovate/callback?state=x");
        var anonymous = await tv.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(callback.PathAndQuery);
        var noAccount = await starter.GetAsync("/api/oauth/tradovate/start");

        // Assert: 4xx naming the field; nothing reached Tradovate's token endpoint
        Assert.Equal(HttpStatusCode.BadRequest, crossBrowser.StatusCode);
        Assert.Contains("state", await crossBrowser.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("not issued by this server", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("code", await missing.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noAccount.StatusCode);
        Assert.Contains("accountId", await noAccount.Content.ReadAsStringAsync());
        Assert.Empty(tv.Fake.OAuthExchanges);
    }

    private static async Task<HttpClient> SignedInBrowserAsync(TradovateApp tv)
    {
        var browser = tv.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var login = await LoginTests.PostLoginAsync(browser, "trader", LoginTests.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }
}
