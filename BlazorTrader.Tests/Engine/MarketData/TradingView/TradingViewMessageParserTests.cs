using BlazorTrader.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

public class TradingViewMessageParserTests
{
    [Fact]
    public void ParsesAQuoteSnapshotWithAllFieldsTheEngineUses()
    {
        const string payload = """
            {"m":"qsd","p":["qs_abcdefghijkl",{"n":"CME_MINI:MNQ1!","s":"ok","v":{"lp":21500.25,"lp_time":1763900000,"bid":21500,"ask":21500.5,
            "volume":12345,"ch":-12.5,"chp":-0.06,"update_mode":"delayed_streaming_600","original_name":"CME_MINI_DL:MNQ1!","status":"delayed_streaming_600",
            "pro_name":"CME_MINI:MNQ1!","short_name":"MNQ1!","description":"Micro E-mini Nasdaq-100"}}],"t":1763900000,"t_ms":1763900000123}
            """;

        var message = Assert.IsType<QuoteDataMessage>(TradingViewMessageParser.Parse(payload));

        Assert.Equal(("qs_abcdefghijkl", "CME_MINI:MNQ1!", "ok"), (message.QuoteSession, message.Symbol, message.Status));
        Assert.False(message.IsError);
        var v = message.Changes;
        Assert.Equal(21500.25, v.Last.Value);
        Assert.Equal(1763900000d, v.LastTime.Value);
        Assert.Equal((21500d, 21500.5d, 12345d), (v.Bid.Value, v.Ask.Value, v.Volume.Value));
        Assert.Equal((-12.5d, -0.06d), (v.Change.Value, v.ChangePercent.Value));
        Assert.Equal("delayed_streaming_600", v.UpdateMode.Value);
        Assert.Equal("CME_MINI_DL:MNQ1!", v.OriginalName.Value);
        Assert.Equal("delayed_streaming_600", v.Status.Value);
        Assert.Equal(("CME_MINI:MNQ1!", "MNQ1!", "Micro E-mini Nasdaq-100"), (v.ProName.Value, v.ShortName.Value, v.Description.Value));
    }

    [Fact]
    public void APartialUpdateMarksOnlyTheFieldsItCarriesAsPresent()
    {
        var message = Assert.IsType<QuoteDataMessage>(TradingViewMessageParser.Parse(
            """{"m":"qsd","p":["qs_1",{"n":"NASDAQ:AAPL","s":"ok","v":{"volume":1200,"bid":null}}]}"""));

        Assert.Equal(FieldChange<double?>.To(1200), message.Changes.Volume);
        Assert.Equal(FieldChange<double?>.To(null), message.Changes.Bid);
        Assert.False(message.Changes.Last.IsPresent);
        Assert.False(message.Changes.Ask.IsPresent);
        Assert.False(message.Changes.UpdateMode.IsPresent);
    }

    [Theory]
    [InlineData("1e+100", 1e100)]
    [InlineData("-103.87000000000000455", -103.87)]
    [InlineData("\"21500.25\"", 21500.25)]
    [InlineData("0", 0d)]
    public void KeepsNumbersAsDoublesIncludingSentinelsAndOverPreciseValues(string json, double expected)
    {
        var message = Assert.IsType<QuoteDataMessage>(TradingViewMessageParser.Parse(
            $$$"""{"m":"qsd","p":["qs_1",{"n":"X:Y","s":"ok","v":{"volume":{{{json}}}}}]}"""));

        Assert.Equal(expected, message.Changes.Volume.Value);
    }

    [Fact]
    public void AFieldOfUnexpectedTypeIsTreatedAsAbsent()
    {
        var message = Assert.IsType<QuoteDataMessage>(TradingViewMessageParser.Parse(
            """{"m":"qsd","p":["qs_1",{"n":"X:Y","s":"ok","v":{"lp":{"nested":1},"update_mode":42}}]}"""));

        Assert.False(message.Changes.Last.IsPresent);
        Assert.False(message.Changes.UpdateMode.IsPresent);
    }

    [Fact]
    public void ParsesASymbolErrorWithEmptyValues()
    {
        var message = Assert.IsType<QuoteDataMessage>(TradingViewMessageParser.Parse(
            """{"m":"qsd","p":["qs_1",{"n":"NOPE:NOPE","s":"error","v":{}}]}"""));

        Assert.True(message.IsError);
        Assert.Equal("NOPE:NOPE", message.Symbol);
    }

    [Fact]
    public void KeepsTheSymbolExactlyAsSentIncludingJsonForms()
    {
        const string symbol = """={"adjustment":"splits","symbol":"NASDAQ:AAPL"}""";
        var payload = $$$"""{"m":"qsd","p":["qs_1",{"n":{{{System.Text.Json.JsonSerializer.Serialize(symbol)}}},"s":"ok","v":{"lp":1}}]}""";

        var message = Assert.IsType<QuoteDataMessage>(TradingViewMessageParser.Parse(payload));

        Assert.Equal(symbol, message.Symbol);
    }

    [Fact]
    public void ParsesQuoteCompleted() =>
        Assert.Equal(new QuoteCompletedMessage("qs_1", "NASDAQ:AAPL"),
            TradingViewMessageParser.Parse("""{"m":"quote_completed","p":["qs_1","NASDAQ:AAPL"],"t":1763900000}"""));

    [Fact]
    public void ParsesProtocolError() =>
        Assert.Equal(new ProtocolErrorMessage("bad auth token"), TradingViewMessageParser.Parse("""{"m":"protocol_error","p":["bad auth token"]}"""));

    [Fact]
    public void ParsesCriticalError() =>
        Assert.Equal(new CriticalErrorMessage("qs_1", "invalid_parameters", "quote_add_symbols"),
            TradingViewMessageParser.Parse("""{"m":"critical_error","p":["qs_1","invalid_parameters","quote_add_symbols"]}"""));

    [Fact]
    public void AnObjectWithoutMethodIsTheHello()
    {
        var hello = Assert.IsType<TradingViewHello>(TradingViewMessageParser.Parse(FakeTradingViewConnection.Hello()));

        Assert.Equal(("0.1.1_local-charts-free-1", "release_fake"), (hello.SessionId, hello.Release));
    }

    [Fact]
    public void ParsesAHeartbeat() => Assert.Equal(new TradingViewHeartbeat("~h~7"), TradingViewMessageParser.Parse("~h~7"));

    [Fact]
    public void AnUnusedMethodIsReportedAsUnhandledNotInvalid() =>
        Assert.Equal(new UnhandledTradingViewMessage("timescale_update"),
            TradingViewMessageParser.Parse("""{"m":"timescale_update","p":["cs_1",{}]}"""));

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"m":"qsd","p":["qs_1"]}""")]
    [InlineData("""{"m":"qsd","p":["qs_1",{"s":"ok","v":{}}]}""")]
    [InlineData("""{"m":"quote_completed","p":[]}""")]
    [InlineData("""{"m":7,"p":[]}""")]
    public void InvalidPayloadsAreReportedNotThrown(string payload) =>
        Assert.IsType<InvalidTradingViewMessage>(TradingViewMessageParser.Parse(payload));
}
