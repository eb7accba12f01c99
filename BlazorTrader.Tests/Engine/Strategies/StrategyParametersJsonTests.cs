using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.GapAndGo;
using BlazorTrader.Engine.Strategies.SpxCalendar;

namespace BlazorTrader.Tests.Engine.Strategies;

public class StrategyParametersJsonTests
{
    [Theory]
    [InlineData(null, StrategyKind.Single)]
    [InlineData("", StrategyKind.Single)]
    [InlineData("single", StrategyKind.Single)]
    [InlineData("gapAndGo", StrategyKind.GapAndGo)]
    [InlineData("SPXDOUBLECALENDAR", StrategyKind.SpxDoubleCalendar)]
    public void Kind_ParsesItsJsonNames(string? text, StrategyKind expected)
    {
        Assert.True(StrategyParametersJson.TryParseKind(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void Kind_Unknown_IsRefused() => Assert.False(StrategyParametersJson.TryParseKind("ironCondor", out _));

    [Fact]
    public void MissingParameters_TakeTheDefaults()
    {
        var parsed = StrategyParametersJson.Parse(StrategyKind.GapAndGo, null, out var errors);

        Assert.Empty(errors);
        Assert.Equal(new GapAndGoParameters().ToString(), parsed!.ToString());
    }

    [Fact]
    public void GivenParameters_AreRead_AndTimesAreHourMinute()
    {
        var parsed = (GapAndGoParameters)StrategyParametersJson.Parse(StrategyKind.GapAndGo,
            """{"universe":["AAPL","AMD"],"gapPercent":4.5,"liquidateAt":"15:45","liquidateUntracked":false}""", out var errors)!;

        Assert.Empty(errors);
        Assert.Equal(new[] { "AAPL", "AMD" }, parsed.Universe);
        Assert.Equal((4.5m, new TimeOnly(15, 45), false, 60m), (parsed.GapPercent, parsed.LiquidateAt, parsed.LiquidateUntracked, parsed.RsiMax));
    }

    [Fact]
    public void Serialized_RoundTrips_WithEveryField()
    {
        var original = new SpxCalendarParameters { Quantity = 2, ExitTime = new TimeOnly(14, 30), TargetDelta = 0.15m };

        var json = StrategyParametersJson.Serialize(original);
        var back = StrategyParametersJson.Parse(StrategyKind.SpxDoubleCalendar, json, out var errors);

        Assert.Empty(errors);
        Assert.Equal(original, back);
        Assert.Contains("\"exitTime\":\"14:30\"", json);
        Assert.Contains("\"maxPremium\":0.25", json);
    }

    [Theory]
    [InlineData("""{"rsiMax":"sixty"}""", "parameters.rsiMax")]
    [InlineData("""{"liquidateAt":"3pm"}""", "parameters.liquidateAt")]
    [InlineData("""{"rsiMax":101}""", "parameters.rsiMax")]
    [InlineData("""{"shortDays":21}""", "parameters.shortDays")]   // a calendar field on the day trader
    [InlineData("""[1,2]""", "parameters")]
    public void BadParameters_NameTheField(string json, string field)
    {
        var parsed = StrategyParametersJson.Parse(StrategyKind.GapAndGo, json, out var errors);

        Assert.Null(parsed);
        Assert.Equal(field, Assert.Single(errors).Key);
    }

    [Fact]
    public void TheSingleKind_TakesNoParameters()
    {
        Assert.Null(StrategyParametersJson.Parse(StrategyKind.Single, "{}", out var none));
        Assert.Empty(none);
        StrategyParametersJson.Parse(StrategyKind.Single, """{"gapPercent":5}""", out var errors);
        Assert.Equal("parameters", Assert.Single(errors).Key);
    }

    [Fact]
    public void ScanReply_HasTheIssuesShape_AndTheEnginesOutcome()
    {
        // Arrange: one entry, one refusal
        var result = new ScanResult(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), new DateOnly(2026, 12, 1), 25_000m,
        [
            new ScanItem("GAPR", 10.6m, 10m, 6m, 50m, 0.880824m, 10.6466666m, 15, true, "gap 6.00 % >= 5", ScanAction.Enter,
                new GapAndGoEntry("GAPR", 589, EntryOrderKind.Market, null, 1, "gap:7:2026-12-01:GAPR:1")),
            new ScanItem("STRG", 21.4m, 20m, 7m, 100m, 0.5m, 20.7m, 15, false, "rsi 100.0 >= 60", ScanAction.None, null),
        ]);

        // Act
        var reply = ScanReply.From(result, _ => "entered");
        var json = System.Text.Json.JsonSerializer.Serialize(reply, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

        // Assert
        Assert.Equal(("entered", "none", 0.88m, 10.6467m), (reply.Items[0].Action, reply.Items[1].Action, reply.Items[0].AtrPercent, reply.Items[0].Vwap));
        const string expected = """{"at":"2026-12-01T15:00:00+00:00","tradeDate":"2026-12-01","items":[{"symbol":"GAPR","price":10.6,"previousClose":10,"gapPercent":6,"rsi":50,"atrPercent":0.88,"vwap":10.6467,"bars":15,"eligible":true,"reason":"gap 6.00 % \u003E= 5","action":"entered"}""";   // ASP.NET's default encoder escapes >
        Assert.Equal(expected, json[..Math.Min(json.Length, expected.Length)]);
    }
}
