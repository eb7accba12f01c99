using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Tests.Web.Execution;

namespace BlazorTrader.Tests.Web;

public class PnlTradeDateTests
{
    [Fact]
    public void AFuturesCloseAt19EtOnTuesday_IsWednesdays_AStocksIsTuesdays()
    {
        // Tue 2026-11-17 19:00 ET = Wed 00:00 UTC
        var calendar = new TradingCalendar();
        var catalog = InstrumentCatalog.FromConfiguration(null);
        var at = new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 18), calendar.TradeDate(catalog.SpecFor("MNQ1!"), at));
        Assert.Equal(new DateOnly(2026, 11, 17), calendar.TradeDate(catalog.SpecFor("AAPL"), at));
        Assert.Equal(new DateOnly(2026, 11, 17), calendar.TradeDate(catalog.SpecFor("MNQ1!"), at.AddHours(-3)));   // 16:00 ET: still Tuesday's session
    }

    [Fact]
    public async Task PnlCalendar_CountsEachTradeOnItsInstrumentsTradeDate()
    {
        // Arrange: Wednesday 2026-11-18 18:30 ET; one futures and one stock round trip closed then
        using var app = new ExecutionAppFactory();
        var (id, path) = await app.CreateRecorderAsync(new { name = "both", initialPositionSize = 1 });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await client.PostWebhookAsync(path, """{"action":"close","ticker":"MNQ1!","price":21510}""");
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"AAPL","price":200}""");
        await client.PostWebhookAsync(path, """{"action":"close","ticker":"AAPL","price":201}""");

        // Act
        var calendar = await Eventually.ReturnsAsync(() => client.GetJsonAsync($"/api/pnl/calendar?month=2026-11&recorderId={id}"),
            c => c.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("trades").GetInt32()) == 2, "both closed trades");

        // Assert: the future's 18:30 ET close belongs to Thursday's Globex session; the stock's to Wednesday
        var days = calendar.GetProperty("days").EnumerateArray()
            .Select(d => (d.GetProperty("date").GetString(), d.GetProperty("realizedPnl").GetDecimal(), d.GetProperty("trades").GetInt32())).ToList();
        Assert.Equal([("2026-11-18", 1m, 1), ("2026-11-19", 20m, 1)], days);   // AAPL 1 share x $1; MNQ 10 points x $2
    }
}
