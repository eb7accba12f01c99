using System.Net;
using System.Net.Http.Json;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;

namespace BlazorTrader.Tests.Web.Execution.Tradovate;

/// <summary>The user-data socket's life: heartbeats both ways, closes, shutdowns, revoked tokens, rate limits and penalties.</summary>
public class TradovateConnectionTests
{
    [Fact]
    public async Task Heartbeat_ClientSendsEmptyArrays_AndASilentServerIsTakenForDead_ThenReconnectedAndResynced()
    {
        // Arrange: dead after 5 s without a frame (two heartbeats)
        await using var tv = await TradovateApp.StartAsync(settings: new Dictionary<string, string?> { ["Tradovate:DeadSocketSeconds"] = "5" });

        // Act: the clock moves; first the server answers, then it goes quiet
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.ClientHeartbeats >= 2), "the client's heartbeats", step: TimeSpan.FromSeconds(2.5));
        tv.Fake.SilentHeartbeats = true;
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.SocketsAccepted >= 2), "the reconnect", step: TimeSpan.FromSeconds(2.5));
        tv.Fake.SilentHeartbeats = false;
        await tv.ConnectedAsync();

        // Assert
        Assert.True(tv.Fake.SyncRequests >= 2);
        Assert.Equal(1, tv.Fake.Logins);
    }

    [Fact]
    public async Task CloseFrame_AndMaintenanceShutdown_EachLeadToOneReconnectWithAFreshSync_QuotaShutdownBacksOffLong()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync();

        // Act + Assert: c[1000] -> reconnect
        await tv.Fake.CloseSocketsAsync(1000, "server closing");
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.SyncRequests == 2), "the resync after c");
        await tv.ConnectedAsync();
        // shutdown Maintenance -> reconnect
        await tv.Fake.ShutdownAsync("Maintenance");
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.SyncRequests == 3), "the resync after the shutdown");
        await tv.ConnectedAsync();
        // ConnectionQuotaReached -> no reconnect until the long backoff (60 s on the clock) has passed
        await tv.Fake.ShutdownAsync("ConnectionQuotaReached");
        await tv.EventuallyAsync(async () => (await tv.AccountAsync(tv.One)).GetProperty("connection").GetString() != "connected", "the quota shutdown");
        await Task.Delay(500);
        Assert.Equal(3, tv.Fake.SocketsAccepted);
        tv.App.Time.Advance(TimeSpan.FromSeconds(75));
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.SyncRequests == 4), "the late reconnect");
        Assert.Equal(1, tv.Fake.Logins);
    }

    [Fact]
    public async Task TokensRevokedElsewhere_SocketDrop_ReauthorizesWithOneNewLogin_AndOrdersFlowAgain()
    {
        // Arrange: another login took the session's tokens, and dropped our socket
        await using var tv = await TradovateApp.StartAsync();
        tv.Fake.RevokeTokens();
        tv.Fake.DropSockets();

        // Act
        await tv.EventuallyAsync(() => Task.FromResult(tv.Fake.Logins == 2), "the new login", step: TimeSpan.FromSeconds(1));
        await tv.ConnectedAsync();
        await tv.App.PlaceOrderAsync(new { account = tv.One, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "after-revoke" });
        await tv.IntentStatusAsync(tv.One, "after-revoke", OrderIntentStatus.Filled);

        // Assert: one more login, not one per account
        await Task.Delay(300);
        Assert.Equal(2, tv.Fake.Logins);
        Assert.NotEqual("tok-1", Assert.Single(tv.Fake.Placements).Token);
    }

    [Fact]
    public async Task RateLimit429_RejectsThePlacementWithoutSending_AndPausesEveryCallOfTheLogin()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync();
        tv.Fake.NextStatus = 429;

        // Act
        await tv.App.PlaceOrderAsync(new { account = tv.One, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "limited-1" });
        await tv.IntentStatusAsync(tv.One, "limited-1", OrderIntentStatus.Rejected);
        await tv.App.PlaceOrderAsync(new { account = tv.Two, ticker = "MNQ1!", side = "buy", quantity = 1, requestId = "limited-2" });
        await tv.IntentStatusAsync(tv.Two, "limited-2", OrderIntentStatus.Rejected);

        // Assert: the 429 itself, then the pause for the other account of the same login; nothing processed
        Assert.Contains("429", (await tv.IntentsAsync(tv.One)).Single().Reason);
        Assert.Contains("nothing is sent until", (await tv.IntentsAsync(tv.Two)).Single().Reason);
        Assert.Empty(tv.Fake.Placements);
    }

    [Fact]
    public async Task CaptchaPenaltyOnLogin_IsNotRetried_AndSaysWhy()
    {
        // Arrange + Act
        await using var tv = await TradovateApp.StartAsync(arrange: f => f.CaptchaNextLogin = true, waitConnected: false);
        await tv.EventuallyAsync(async () => (await tv.AccountAsync(tv.One)).GetProperty("connection").GetString() == "disconnected"
            && (await tv.App.DbAsync(_ => Task.FromResult(true))), "the penalty");
        using var client = tv.App.ApiClient();
        var health = await Eventually.ReturnsAsync(() => client.GetJsonAsync("/health"),
            h => h.GetProperty("components").GetProperty("broker").GetProperty("data").GetProperty("Tradovate one").GetString()!.Contains("captcha"), "the captcha in /health");
        await Task.Delay(500);

        // Assert
        Assert.Equal(1, tv.Fake.Logins);
        Assert.Contains("paused until", health.GetProperty("components").GetProperty("broker").GetProperty("data").GetProperty("Tradovate two").GetString());
    }

    [Fact]
    public async Task AccountSettings_AreValidated_AndSecretsAreNeverEchoed()
    {
        // Arrange
        await using var tv = await TradovateApp.StartAsync(waitConnected: false);
        using var client = tv.App.ApiClient();

        // Act
        var missing = await client.PostAsJsonAsync("/api/accounts", new { name = "bad", broker = "Tradovate", settings = new { environment = "paper", name = "x" } });
        var shown = await client.GetJsonAsync($"/api/accounts/{tv.One}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadAsStringAsync();
        Assert.Contains("environment must be demo or live", problem);
        Assert.Contains("account must name the Tradovate account", problem);
        Assert.Contains("sec is required", problem);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, shown.GetProperty("settings").ValueKind);
        Assert.True(shown.GetProperty("hasSettings").GetBoolean());
        Assert.Equal("Tradovate", shown.GetProperty("broker").GetString());
    }
}
