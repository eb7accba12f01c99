using System.Text.Json;
using BlazorTrader.Tests.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Web;

/// <summary>The app on MarketData:Source=TradingView against the fake TradingView server: data modes end to end.</summary>
public class TradingViewFeedTests
{
    private const string DelayedMnq = """{"lp":21500.25,"update_mode":"delayed_streaming_600","original_name":"CME_MINI_DL:MNQ1!"}""";
    private const string LiveAapl = """{"lp":230.15,"update_mode":"streaming","original_name":"NASDAQ:AAPL"}""";

    private static async Task<(FakeTradingViewServer Server, ConfiguredAppFactory App)> StartAsync(string? token = null, int staleAfterSeconds = 30)
    {
        var script = new FakeTradingViewScript();
        script.Snapshots["CME_MINI:MNQ1!"] = DelayedMnq;
        script.Snapshots["NASDAQ:AAPL"] = LiveAapl;
        script.BadTokens.Add("expired-token");
        var server = await FakeTradingViewServer.StartAsync(script);
        var app = new ConfiguredAppFactory(new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "TradingView",
            ["MarketData:TradingViewUrl"] = server.Url.ToString(),
            ["MarketData:TradingViewAuthToken"] = token,
            ["MarketData:WatchSymbols:0"] = "MNQ1!",
            ["MarketData:WatchSymbols:1"] = "AAPL",
            ["MarketData:StaleAfterSeconds"] = staleAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MarketData:FlushIntervalMs"] = "100",
            ["MarketData:StaleOnlyWhileMarketOpen"] = "false",   // the tests run on any day, at any hour
        });
        _ = app.Server;   // start the host so the feed connects
        return (server, app);
    }

    private static async Task<JsonElement> FeedSymbolAsync(HttpClient client, string symbol, Func<JsonElement, bool> condition, string what) =>
        await Eventually.ReturnsAsync(async () =>
            {
                var feed = (await client.GetJsonAsync("/status")).GetProperty("feed");
                return feed.GetProperty("symbols").EnumerateArray().FirstOrDefault(s => s.GetProperty("symbol").GetString() == symbol);
            },
            s => s.ValueKind == JsonValueKind.Object && condition(s), what);

    [Fact]
    public async Task DelayedFutures_AndLiveStocks_ShowTheirDataModeInStatus()
    {
        var (server, app) = await StartAsync();
        await using var _ = server;
        using var __ = app;
        using var client = app.ApiClient();

        var mnq = await FeedSymbolAsync(client, "MNQ1!", s => true, "MNQ in the feed");
        var aapl = await FeedSymbolAsync(client, "AAPL", s => true, "AAPL in the feed");

        Assert.Equal("delayed", mnq.GetProperty("dataMode").GetString());
        Assert.Equal(600, mnq.GetProperty("delaySeconds").GetInt32());
        Assert.Equal(21500.25m, mnq.GetProperty("lastPrice").GetDecimal());
        Assert.Equal("realtime", aapl.GetProperty("dataMode").GetString());
        Assert.Equal(JsonValueKind.Null, aapl.GetProperty("delaySeconds").ValueKind);
    }

    [Fact]
    public async Task TakeProfitOnDelayedData_SaysSoInTheTradeRecord()
    {
        // Arrange
        var (server, app) = await StartAsync();
        await using var _ = server;
        using var __ = app;
        using var client = app.ApiClient();
        var connection = await server.NextConnectionAsync();
        var (id, path) = await app.CreateRecorderAsync(new { name = "tv", tpUnits = "Ticks", tpTargets = new[] { new { value = 10, trim = 100 } } });
        await FeedSymbolAsync(client, "MNQ1!", s => true, "the first MNQ quote");
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"CME_MINI:MNQ1!","price":21500}""");

        // Act: a delayed quote through TP 21502.50
        await connection.SendAsync(connection.Qsd("CME_MINI:MNQ1!", """{"lp":21503}"""));
        var trade = await Eventually.ReturnsAsync(async () => (await client.GetJsonAsync($"/api/recorders/{id}/trades")).GetProperty("items")[0],
            t => t.GetProperty("status").GetString() == "closed", "the TP to fire");

        // Assert
        Assert.Equal("delayed", trade.GetProperty("decisionDataMode").GetString());
        Assert.True(trade.GetProperty("decisionTickAgeMs").GetInt64() >= 600_000);
        Assert.Contains("on delayed data (600 s late)", trade.GetProperty("exitReason").GetString());
    }

    [Fact]
    public async Task PauseOnDelayedData_HoldsTheTarget_UntilRealTimeData()
    {
        var (server, app) = await StartAsync();
        await using var _ = server;
        using var __ = app;
        using var client = app.ApiClient();
        var connection = await server.NextConnectionAsync();
        var (id, path) = await app.CreateRecorderAsync(new
        {
            name = "careful", tpUnits = "Ticks", tpTargets = new[] { new { value = 10, trim = 100 } }, pauseExitsOnDelayedData = true,
        });
        await FeedSymbolAsync(client, "MNQ1!", s => true, "the first MNQ quote");
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");

        await connection.SendAsync(connection.Qsd("CME_MINI:MNQ1!", """{"lp":21503}"""));
        await FeedSymbolAsync(client, "MNQ1!", s => s.GetProperty("lastPrice").GetDecimal() == 21503m, "the delayed quote");
        var held = (await client.GetJsonAsync($"/api/recorders/{id}/trades")).GetProperty("items")[0];
        var status = await Eventually.ReturnsAsync(() => client.GetJsonAsync("/status"),
            st => st.GetProperty("openPositions").EnumerateArray().Any(p => p.GetProperty("exitsPaused").GetBoolean()), "the paused state");
        await connection.SendAsync(connection.Qsd("CME_MINI:MNQ1!", """{"lp":21503.25,"update_mode":"streaming"}"""));
        var released = await Eventually.ReturnsAsync(async () => (await client.GetJsonAsync($"/api/recorders/{id}/trades")).GetProperty("items")[0],
            t => t.GetProperty("status").GetString() == "closed", "the TP on real-time data");

        Assert.Equal("open", held.GetProperty("status").GetString());
        var warning = status.GetProperty("warnings")[0];
        Assert.Equal(("MNQ1!", "delayed", 600), (warning.GetProperty("symbol").GetString(), warning.GetProperty("dataMode").GetString(), warning.GetProperty("delaySeconds").GetInt32()));
        Assert.Contains("MarketData:TradingViewAuthToken", warning.GetProperty("message").GetString());
        Assert.Equal("realtime", released.GetProperty("decisionDataMode").GetString());
        Assert.Equal(21503.25m, released.GetProperty("exitPrice").GetDecimal());   // gapped: at the real-time tick
    }

    [Fact]
    public async Task SilencePastTheThreshold_IsStale_AndTheNextTickRecovers()
    {
        var (server, app) = await StartAsync(staleAfterSeconds: 1);
        await using var _ = server;
        using var __ = app;
        using var client = app.ApiClient();
        var connection = await server.NextConnectionAsync();

        await FeedSymbolAsync(client, "AAPL", s => s.GetProperty("dataMode").GetString() == "stale", "AAPL to go stale");
        await connection.SendAsync(connection.Qsd("NASDAQ:AAPL", """{"lp":231}"""));
        var recovered = await FeedSymbolAsync(client, "AAPL", s => s.GetProperty("dataMode").GetString() == "realtime", "AAPL to recover");

        Assert.Equal(231m, recovered.GetProperty("lastPrice").GetDecimal());
    }

    [Fact]
    public async Task RejectedToken_IsReported_AndTheFeedContinuesAnonymously()
    {
        var (server, app) = await StartAsync(token: "expired-token");
        await using var _ = server;
        using var __ = app;
        using var client = app.ApiClient();

        var first = await server.NextConnectionAsync();
        var second = await server.NextConnectionAsync();
        var mnq = await FeedSymbolAsync(client, "MNQ1!", s => true, "quotes after the fallback");
        var feed = (await client.GetJsonAsync("/status")).GetProperty("feed");

        Assert.Equal("expired-token", (await first.NextRequestAsync("set_auth_token")).Params[0]);
        Assert.Equal("unauthorized_user_token", (await second.NextRequestAsync("set_auth_token")).Params[0]);
        Assert.Equal("delayed", mnq.GetProperty("dataMode").GetString());
        Assert.Contains("rejected", feed.GetProperty("lastError").GetString());
        Assert.DoesNotContain("expired-token", feed.GetRawText());
    }

    [Fact]
    public async Task ASignalForANewSymbol_SubscribesItOnTheSocket()
    {
        var (server, app) = await StartAsync();
        await using var _ = server;
        using var __ = app;
        using var client = app.ApiClient();
        var connection = await server.NextConnectionAsync();
        var initial = await connection.NextRequestAsync("quote_add_symbols");
        var (_, path) = await app.CreateRecorderAsync();

        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":6000}""");
        var added = await connection.NextRequestAsync("quote_add_symbols");

        Assert.DoesNotContain("CME_MINI:ES1!", initial.Params);
        Assert.Contains("CME_MINI:ES1!", added.Params);
    }
}
