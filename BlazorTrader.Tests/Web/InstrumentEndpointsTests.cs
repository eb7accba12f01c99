using System.Net;
using System.Text.Json;
using BlazorTrader.Tests.Web.Execution;

namespace BlazorTrader.Tests.Web;

public class InstrumentEndpointsTests
{
    /// <summary>Wed 2026-12-09 15:00 ET: MNQ Dec 2026 (expires Fri Dec 18) is the front month until its roll on Thu Dec 10.</summary>
    private static readonly DateTimeOffset BeforeTheRoll = new(2026, 12, 9, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ContinuousTicker_WithNoRollTable_IsTodaysFrontMonth_AndTheNextAfterTheRollDate()
    {
        // Arrange
        using var app = new ExecutionAppFactory(start: BeforeTheRoll);
        using var client = app.ApiClient();

        // Act
        var before = await client.GetJsonAsync("/api/instruments/MNQ1!");
        app.Time.Advance(TimeSpan.FromHours(3));   // 18:00 ET: Globex opens trade date Thursday Dec 10, the roll date
        var after = await client.GetJsonAsync("/api/instruments/CME_MINI:MNQ1!");

        // Assert
        Assert.Equal(("202612", "MNQZ2026", "2026-12-18", "2026-12-10", "listing rule"), Month(before));
        Assert.Equal(("202703", "MNQH2027", "2027-03-19", "2027-03-11", "listing rule"), Month(after));
        Assert.Equal((0.25m, 2m, 0.5m, "CME"), (before.GetProperty("tickSize").GetDecimal(), before.GetProperty("pointValue").GetDecimal(),
            before.GetProperty("tickValue").GetDecimal(), before.GetProperty("exchange").GetString()));
    }

    [Fact]
    public async Task AConfiguredFrontMonth_Wins_AndSaysSo()
    {
        using var app = new ExecutionAppFactory(start: BeforeTheRoll, settings: new Dictionary<string, string?> { ["InteractiveBrokers:FrontMonths:MNQ"] = "202703" });
        using var client = app.ApiClient();

        var reply = await client.GetJsonAsync("/api/instruments/MNQ1!");

        Assert.Equal(("202703", "configured"), (reply.GetProperty("contractMonth").GetString(), reply.GetProperty("monthSource").GetString()));
    }

    [Fact]
    public async Task CrudeOil_RollsMonthly_ByItsLastTradeRule()
    {
        // CL Jan 2027: the 25th of Dec 2026 is Christmas, so the last trade is 4 business days before: Mon Dec 21; roll 3 trading days earlier, Wed Dec 16.
        using var app = new ExecutionAppFactory(start: BeforeTheRoll);
        using var client = app.ApiClient();

        var reply = await client.GetJsonAsync("/api/instruments/CL1!");

        Assert.Equal(("202701", "CLF2027", "2026-12-21", "2026-12-16", "listing rule"), Month(reply));
    }

    [Fact]
    public async Task NextContract_AndAStock_AndBadInput()
    {
        using var app = new ExecutionAppFactory(start: BeforeTheRoll);
        using var client = app.ApiClient();

        var next = await client.GetJsonAsync("/api/instruments/ES2!");
        var stock = await client.GetJsonAsync("/api/instruments/AAPL");
        var bad = await client.GetAsync("/api/instruments/%20");
        var noKey = await app.CreateClient().GetAsync("/api/instruments/MNQ1!");

        Assert.Equal("202703", next.GetProperty("contractMonth").GetString());
        Assert.Equal(("Stock", JsonValueKind.Null), (stock.GetProperty("kind").GetString(), stock.GetProperty("contractMonth").ValueKind));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("ticker", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    private static (string?, string?, string?, string?, string?) Month(JsonElement j) => (j.GetProperty("contractMonth").GetString(),
        j.GetProperty("contractSymbol").GetString(), j.GetProperty("lastTradeDate").GetString(), j.GetProperty("rollDate").GetString(), j.GetProperty("monthSource").GetString());
}
