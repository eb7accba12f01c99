using System.Net;

namespace BlazorTrader.Tests.Web.Dialects;

/// <summary>The messages of docs/alert-dialects.md, posted as TradingView sends them, do what the doc says.</summary>
public class AlertDialectSampleTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string[], string[]> Sequences => new()
    {
        // samples posted in order to one fresh recorder -> "status | open position" after each
        { ["native-buy"], ["accepted | long 1@21500.25"] },
        { ["traderspost-buy", "traderspost-exit-partial", "traderspost-sell-flat"],
            ["accepted | long 2@21500.25", "accepted | long 1@21500.25", "accepted | flat"] },
        { ["traderspost-exit-partial"], ["ignored | flat"] },
        { ["traderspost-risk"], ["accepted | long 5@21500"] },                       // $200 / (20 points x $2)
        { ["traderspost-bracket", "traderspost-breakeven", "traderspost-cancel"],
            ["accepted | long 1@5000", "accepted | long 1@5000", "ignored | long 1@5000"] },
        { ["pickmytrade-buy", "pickmytrade-close"], ["accepted | long 1@21500", "accepted | flat"] },
        { ["openalgo-long", "openalgo-flat"], ["accepted | long 100@190.1", "accepted | flat"] },
        { ["tradingview-entry", "tradingview-exit"], ["accepted | long 2@5000.25", "accepted | flat"] },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task DocSamples_GiveTheDocumentedAnswersAndPositions(string[] samples, string[] expected)
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act
        var actual = new List<string>();
        foreach (var sample in samples)
        {
            var (status, _) = await client.SendOkAsync(path, AlertDialectSamples.Get(sample));
            actual.Add($"{status} | {await client.OpenPositionAsync(id)}");
        }

        // Assert
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("native-buy", "native")]
    [InlineData("traderspost-buy", "traderspost")]
    [InlineData("traderspost-risk", "traderspost")]
    [InlineData("pickmytrade-buy", "pickmytrade")]
    [InlineData("openalgo-long", "openalgo")]
    [InlineData("tradingview-entry", "tradingview")]
    public async Task EachSample_IsStoredWithItsDialect_AndItsRawBody(string sample, string dialect)
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        await client.SendOkAsync(path, AlertDialectSamples.Get(sample));

        var signal = await client.LastSignalAsync(id);
        Assert.Equal(dialect, signal.GetProperty("dialect").GetString());
        Assert.Equal(AlertDialectSamples.Get(sample), signal.GetProperty("rawPayload").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task EverySampleInTheDoc_IsAnswered200_WhateverTheContentType(string contentType)
    {
        Assert.True(AlertDialectSamples.Names.Count >= 12, "the doc should show samples for every dialect");
        foreach (var sample in AlertDialectSamples.Names)
        {
            var (_, path) = await app.CreateRecorderAsync();
            using var client = app.ApiClient();

            var (status, body) = await client.PostWebhookAsync(path, AlertDialectSamples.Get(sample), contentType);

            Assert.True(status == HttpStatusCode.OK, $"{sample} as {contentType}: {(int)status} {body}");
        }
    }

    [Fact]
    public async Task BracketSample_SetsTheEntrysTargetAndStop_StoresTheOrder_AndBreakevenMovesTheStop()
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act
        await client.SendOkAsync(path, AlertDialectSamples.Get("traderspost-bracket"));
        var before = (await client.OpenTradesAsync(id)).Single();
        var signal = await client.LastSignalAsync(id);
        await client.SendOkAsync(path, AlertDialectSamples.Get("traderspost-breakeven"));
        var after = (await client.OpenTradesAsync(id)).Single();

        // Assert: one target for the whole entry at 5010 instead of the recorder's two; stop 0.1% = 5 points below
        Assert.Equal([5010m], before.GetProperty("tpTargets").EnumerateArray().Select(t => t.GetProperty("price").GetDecimal()));
        Assert.Equal(100m, before.GetProperty("tpTargets")[0].GetProperty("trim").GetDecimal());
        Assert.Equal(4995m, before.GetProperty("slPrice").GetDecimal());
        Assert.Equal("limit", signal.GetProperty("orderType").GetString());
        Assert.Equal(5000m, signal.GetProperty("limitPrice").GetDecimal());
        Assert.Equal(5000m, after.GetProperty("slPrice").GetDecimal());
        Assert.Equal(5010m, after.GetProperty("tpPrice").GetDecimal());
    }

    [Fact]
    public async Task PickMyTradeDollarExits_AreDollarsPerContract_AndZeroMeansNotSet()
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        await client.SendOkAsync(path, AlertDialectSamples.Get("pickmytrade-buy"));

        // MNQ is $2 a point: $20 -> 10 points above, $10 -> 5 points below
        var trade = (await client.OpenTradesAsync(id)).Single();
        Assert.Equal(21510m, trade.GetProperty("tpPrice").GetDecimal());
        Assert.Equal(21495m, trade.GetProperty("slPrice").GetDecimal());
    }

    [Fact]
    public async Task NestedStrategyExit_RealizesThePnl_AndAResentEntryIsHarmless()
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        var entry = AlertDialectSamples.Get("tradingview-entry");

        await client.SendOkAsync(path, entry);
        var (resent, _) = await client.SendOkAsync(path, entry.Replace("14:45:00Z", "14:45:30Z"));
        var (_, exit) = await client.SendOkAsync(path, AlertDialectSamples.Get("tradingview-exit"));

        Assert.Equal("ignored", resent);
        Assert.Equal(1000m, exit.GetProperty("position").GetProperty("realizedPnl").GetDecimal());   // 10 points x $50 x 2
        Assert.Equal("flat", await client.OpenPositionAsync(id));
    }

    [Fact]
    public async Task AResendOfAnyDialect_WithinTheWindow_IsDuplicate()
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        await client.SendOkAsync(path, AlertDialectSamples.Get("openalgo-long"));
        var (status, _) = await client.SendOkAsync(path, AlertDialectSamples.Get("openalgo-long"));

        Assert.Equal("duplicate", status);
        Assert.Equal(1, await client.SignalCountAsync(id));
    }
}
