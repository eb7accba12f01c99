using BlazorTrader.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

public class TradingViewFrameCodecTests
{
    // 7 Korean characters: 7 UTF-16 units but 21 UTF-8 bytes. The emoji is one surrogate pair: 2 units, 4 bytes.
    private const string Korean = "삼성전자우선주";
    private const string Emoji = "📈";

    [Theory]
    [InlineData("~h~1", "~m~4~m~~h~1")]
    [InlineData("~h~10", "~m~5~m~~h~10")]
    [InlineData("", "~m~0~m~")]
    [InlineData("""{"m":"quote_create_session","p":["qs_abc"]}""", """~m~43~m~{"m":"quote_create_session","p":["qs_abc"]}""")]
    [InlineData(Korean, "~m~7~m~" + Korean)]
    [InlineData(Emoji, "~m~2~m~" + Emoji)]
    public void EncodePrefixesThePayloadWithItsLengthInUtf16Units(string payload, string expected) =>
        Assert.Equal(expected, TradingViewFrameCodec.Encode(payload));

    public static TheoryData<string, string[], bool> WellFormedMessages => new()
    {
        { "~m~4~m~~h~1", ["~h~1"], false },
        { "~m~5~m~~h~10", ["~h~10"], false },
        { "~m~2~m~{}~m~4~m~~h~3~m~7~m~[1,2,3]", ["{}", "~h~3", "[1,2,3]"], false },
        { "~m~0~m~~m~2~m~{}", ["", "{}"], false },
        // N counts UTF-16 units: the next frame starts exactly after 7 Korean characters.
        { "~m~7~m~" + Korean + "~m~4~m~~h~2", [Korean, "~h~2"], false },
        { "~m~8~m~a" + Emoji + "b" + Korean[..4] + "~m~4~m~~h~2", ["a" + Emoji + "b" + Korean[..4], "~h~2"], false },
        // A payload may itself contain the marker text; N is trusted while the boundaries check out.
        { """~m~15~m~{"x":"~m~1~m~"}~m~4~m~~h~5""", ["""{"x":"~m~1~m~"}""", "~h~5"], false },
        // A byte-counting server (N = 21 UTF-8 bytes for 7 characters): fall back to splitting on markers.
        { "~m~21~m~" + Korean + "~m~4~m~~h~2", [Korean, "~h~2"], true },
        // N too short and too long.
        { "~m~1~m~{}~m~4~m~~h~2", ["{}", "~h~2"], true },
        { "~m~10~m~{}", ["{}"], true },
        // Junk after a frame cannot be told from its payload once N is wrong; the JSON parser reports it.
        { "~m~2~m~{}garbage", ["{}garbage"], true },
        { "", [], false },
    };

    [Theory]
    [MemberData(nameof(WellFormedMessages))]
    public void DecodeReturnsEveryPayloadOfAMessage(string message, string[] expected, bool usedFallback)
    {
        var result = TradingViewFrameCodec.Decode(message);

        Assert.Equal(expected, result.Payloads);
        Assert.Equal(usedFallback, result.UsedFallback);
        Assert.False(result.IsMalformed, result.Error);
    }

    public static TheoryData<string, string[]> MalformedMessages => new()
    {
        { "hello", [] },
        { "~m~x~m~{}", [] },
        { "~m~4~m", [] },
        { "~m~~m~{}", [] },
        // The first frame is intact; the header after it is not.
        { "~m~2~m~{}~m~x~m~{}", ["{}"] },
        { "~m~2~m~{}~m~", ["{}"] },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void DecodeReportsAMalformedMessageAndKeepsWhatItCouldRead(string message, string[] recovered)
    {
        var result = TradingViewFrameCodec.Decode(message);

        Assert.True(result.IsMalformed);
        Assert.Equal(recovered, result.Payloads);
    }

    [Fact]
    public void DecodeReadsBackWhatEncodeWroteForManyPayloads()
    {
        string[] payloads = ["""{"m":"qsd","p":["qs_1",{"n":"NASDAQ:AAPL","s":"ok","v":{"lp":1.5}}]}""", "~h~42", Korean + Emoji, new string('x', 100_000)];

        var result = TradingViewFrameCodec.Decode(TradingViewFrameCodec.Encode(payloads));

        Assert.Equal(payloads, result.Payloads);
        Assert.False(result.UsedFallback);
    }

    [Theory]
    [InlineData("~h~1", true)]
    [InlineData("~h~", true)]
    [InlineData("{\"m\":\"qsd\"}", false)]
    [InlineData("~m~4~m~~h~1", false)]
    public void IsHeartbeatRecognisesHeartbeatPayloads(string payload, bool expected) =>
        Assert.Equal(expected, TradingViewFrameCodec.IsHeartbeat(payload));
}
