using System.Net;

namespace BlazorTrader.Tests.Web.Dialects;

/// <summary>Every TradersPost action and sentiment against flat, long 10 and short 10 (MNQ, opened at 21500).</summary>
public class TradersPostSemanticsTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string, string, string, string> Combinations => new()
    {
        // start, action, sentiment, quantity ("" = none) -> "status | open position"
        { "flat", "buy", "bullish", "2", "accepted | long 2@21510" },
        { "long 10", "buy", "bullish", "2", "accepted | long 12@21501.6667" },          // (215000 + 43020) / 12
        { "short 10", "buy", "bullish", "2", "accepted | long 2@21510" },               // closes the short, then long 2
        { "short 10", "buy", "long", "2", "accepted | long 2@21510" },                  // long = bullish
        { "flat", "buy", "bearish", "5", "ignored | flat" },
        { "long 10", "buy", "bearish", "5", "ignored | long 10@21500" },
        { "short 10", "buy", "bearish", "5", "accepted | short 5@21500" },
        { "short 10", "buy", "bearish", "15", "accepted | flat" },                      // a reduction never flips
        { "short 10", "buy", "short", "", "accepted | flat" },                          // no quantity: all of it
        { "flat", "buy", "flat", "5", "ignored | flat" },
        { "long 10", "buy", "flat", "5", "ignored | long 10@21500" },
        { "short 10", "buy", "flat", "5", "accepted | flat" },
        { "flat", "sell", "bearish", "2", "accepted | short 2@21510" },
        { "long 10", "sell", "bearish", "2", "accepted | short 2@21510" },
        { "short 10", "sell", "bearish", "2", "accepted | short 12@21501.6667" },
        { "flat", "sell", "bullish", "5", "ignored | flat" },
        { "long 10", "sell", "bullish", "5", "accepted | long 5@21500" },
        { "long 10", "sell", "bullish", "50", "accepted | flat" },
        { "short 10", "sell", "bullish", "5", "ignored | short 10@21500" },
        { "flat", "sell", "flat", "5", "ignored | flat" },                              // never opens a short
        { "long 10", "sell", "flat", "3", "accepted | flat" },                          // in full, whatever quantity says
        { "short 10", "sell", "flat", "3", "ignored | short 10@21500" },
        { "long 10", "buy", "", "2", "accepted | long 12@21501.6667" },                 // no sentiment: native
        { "long 10", "sell", "", "2", "accepted | long 8@21500" },
        { "flat", "exit", "", "", "ignored | flat" },
        { "long 10", "exit", "", "", "accepted | flat" },
        { "long 10", "exit", "", "4", "accepted | long 6@21500" },
        { "short 10", "exit", "", "40", "accepted | flat" },                            // more than held: all, no reversal
        { "short 10", "exit", "flat", "", "accepted | flat" },
        { "flat", "add", "", "3", "ignored | flat" },
        { "long 10", "add", "", "3", "accepted | long 13@21502.3077" },                 // (215000 + 64530) / 13
        { "short 10", "add", "", "", "accepted | short 11@21500.9091" },                // the recorder's add size, 1
        { "flat", "reverse", "", "", "ignored | flat" },
        { "long 10", "reverse", "", "", "accepted | short 10@21510" },
        { "short 10", "reverse", "", "", "accepted | long 10@21510" },
        { "flat", "breakeven", "", "", "ignored | flat" },
        { "long 10", "breakeven", "", "", "accepted | long 10@21500" },
        { "flat", "cancel", "", "", "ignored | flat" },
        { "short 10", "cancel", "", "", "ignored | short 10@21500" },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task ActionAndSentiment_LeaveThePositionTheIssueDescribes(string start, string action, string sentiment, string quantity, string expected)
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        await OpenAsync(client, path, start);

        // Act
        var (status, body) = await client.SendOkAsync(path, Message(action, sentiment, quantity));

        // Assert
        Assert.Equal(expected, $"{status} | {await client.OpenPositionAsync(id)}");
        if (status == "ignored") Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task SellFlat_WithNoPosition_SaysWhyItWasIgnored()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (_, body) = await client.SendOkAsync(path, Message("sell", "flat", "1"));

        Assert.Contains("sentiment flat", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Cancel_IsIgnored_BecauseRecordersHaveNoWorkingOrders()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (_, body) = await client.SendOkAsync(path, """{"ticker":"MNQ1!","action":"cancel"}""");

        Assert.Contains("no working orders", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Breakeven_MovesTheStopOfEveryOpenTradeToItsOwnEntry()
    {
        // Arrange: two entries (21500 and 21510) with the recorder's 8-tick stop
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        await client.SendOkAsync(path, """{"ticker":"MNQ1!","action":"buy","signalPrice":21500}""");
        await client.SendOkAsync(path, """{"ticker":"MNQ1!","action":"add","signalPrice":21510}""");

        // Act
        await client.SendOkAsync(path, """{"ticker":"MNQ1!","action":"breakeven","signalPrice":21512}""");

        // Assert
        var trades = await client.OpenTradesAsync(id);
        Assert.Equal(2, trades.Count);
        Assert.All(trades, t => Assert.Equal(t.GetProperty("entryPrice").GetDecimal(), t.GetProperty("slPrice").GetDecimal()));
    }

    [Theory]
    [InlineData("Add", "accepted | long 2@21505")]
    [InlineData("Ignore", "ignored | long 1@21500")]
    public async Task SameSideSignal_SettingDecidesWhatASecondBuyDoes(string setting, string expected)
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync(new { name = "same side", sameSideSignal = setting });
        using var client = app.ApiClient();
        await client.SendOkAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");

        // Act
        var (status, _) = await client.SendOkAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21510}""");

        // Assert
        Assert.Equal(expected, $"{status} | {await client.OpenPositionAsync(id)}");
    }

    [Fact]
    public async Task SameSideIgnore_StillAddsOnAnExplicitAdd_AndIsShownOnTheRecorder()
    {
        var (id, path) = await app.CreateRecorderAsync(new { name = "same side", sameSideSignal = "Ignore", capital = 25000 });
        using var client = app.ApiClient();
        await client.SendOkAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");

        var (status, _) = await client.SendOkAsync(path, """{"ticker":"MNQ1!","action":"add","signalPrice":21510}""");

        Assert.Equal("accepted", status);
        var recorder = await client.GetJsonAsync($"/api/recorders/{id}");
        Assert.Equal("Ignore", recorder.GetProperty("sameSideSignal").GetString());
        Assert.Equal(25000m, recorder.GetProperty("capital").GetDecimal());
    }

    [Theory]
    [InlineData("sameSideSignal", "Sometimes")]
    [InlineData("capital", -5)]
    public async Task RecorderSettings_AreValidated(string field, object value)
    {
        using var client = app.ApiClient();
        var body = new Dictionary<string, object> { ["name"] = "bad", [field] = value };

        using var response = await client.PostAsync("/api/recorders", System.Net.Http.Json.JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task OpenAsync(HttpClient client, string path, string start)
    {
        if (start == "flat") return;
        var parts = start.Split(' ');
        var action = parts[0] == "long" ? "buy" : "sell";
        var (status, _) = await client.SendOkAsync(path, $$"""{"action":"{{action}}","ticker":"MNQ1!","price":21500,"quantity":{{parts[1]}}}""");
        Assert.Equal("accepted", status);
    }

    private static string Message(string action, string sentiment, string quantity)
    {
        var fields = new List<string> { "\"ticker\":\"MNQ1!\"", $"\"action\":\"{action}\"", "\"signalPrice\":\"21510\"" };
        if (sentiment.Length > 0) fields.Add($"\"sentiment\":\"{sentiment}\"");
        if (quantity.Length > 0) fields.Add($"\"quantity\":\"{quantity}\"");
        return "{" + string.Join(",", fields) + "}";
    }
}
