using System.Text.Json;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// Issue 15 "done when": a futures close at 19:00 ET counts on the next trade date in the daily limits (fake clock).
/// Tuesday 2026-11-17: 16:00 ET is 21:00 UTC; CME's session for Wednesday opens at 18:00 ET Tuesday.
/// </summary>
public class TradeDateLimitTests
{
    private static readonly DateTimeOffset TuesdayAfternoon = new(2026, 11, 17, 21, 0, 0, TimeSpan.Zero);   // 16:00 ET

    [Fact]
    public async Task FuturesClosedAt1900EtTuesday_BlocksReentryWednesdayMorning_ItIsWednesdaysTradeDate()
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: TuesdayAfternoon);
        var (_, path) = await app.CreateRecorderAsync(new { name = "no re-entry", blockReentryAfterClose = true });
        using var client = app.ApiClient();

        // Act: open 16:00 ET, close 19:00 ET Tuesday; try again 10:00 ET Wednesday
        var open = await Signal(client, path, "buy", 21500);
        app.Time.Advance(TimeSpan.FromHours(3));
        var close = await Signal(client, path, "close", 21505);
        app.Time.Advance(TimeSpan.FromHours(15));
        var wednesday = await Signal(client, path, "buy", 21510);

        // Assert: the exchange date of the close is Tuesday, its trade date Wednesday
        Assert.Equal(("accepted", "accepted", "ignored"), (open, close, wednesday));
    }

    [Fact]
    public async Task FuturesClosedAt1630EtTuesday_AllowsAnEntryAt1830Et_ItIsAlreadyWednesdaysTradeDate()
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: TuesdayAfternoon);
        var (_, path) = await app.CreateRecorderAsync(new { name = "no re-entry", blockReentryAfterClose = true });
        using var client = app.ApiClient();

        // Act: open 16:00, close 16:30 ET (Tuesday's session); 18:30 ET opens Wednesday's session
        await Signal(client, path, "buy", 21500);
        app.Time.Advance(TimeSpan.FromMinutes(30));
        await Signal(client, path, "close", 21505);
        app.Time.Advance(TimeSpan.FromMinutes(30));
        var sameSession = await Signal(client, path, "buy", 21506);
        app.Time.Advance(TimeSpan.FromHours(1.5));
        var nextSession = await Signal(client, path, "buy", 21510);

        // Assert: same calendar date both times, but the second is the next trade date
        Assert.Equal(("ignored", "accepted"), (sameSession, nextSession));
    }

    [Fact]
    public async Task AccountLossClosedAt1900EtTuesday_CountsAgainstWednesdaysDailyLossLimit()
    {
        // Arrange: ES is $50 a point; -3 points is -$150, past the $100 limit
        await using var app = new ExecutionAppFactory(start: TuesdayAfternoon);
        var account = await app.CreateAccountAsync("Capped", limits: new { maxDailyLoss = 100 });
        await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, price = 5000, requestId = "in" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 1, "the entry");

        // Act: the loss is taken at 19:00 ET Tuesday; an entry at 10:00 ET Wednesday
        app.Time.Advance(TimeSpan.FromHours(3));
        await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "sell", quantity = 1, price = 4997, requestId = "out" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the exit");
        app.Time.Advance(TimeSpan.FromHours(15));
        var wednesday = await app.PlaceOrderAsync(new { account, ticker = "NQ1!", side = "buy", quantity = 1, price = 20000, requestId = "wed" });
        app.Time.Advance(TimeSpan.FromHours(8));   // 18:00 ET Wednesday: Thursday's trade date
        var thursday = await app.PlaceOrderAsync(new { account, ticker = "NQ1!", side = "buy", quantity = 1, price = 20000, requestId = "thu" });

        // Assert
        Assert.Equal((422, 200), (wednesday.Status, thursday.Status));
        Assert.Contains("max daily loss", wednesday.Body.GetProperty("detail").GetString());
    }

    private static async Task<string> Signal(HttpClient client, string path, string action, decimal price)
    {
        var (status, json) = await client.PostWebhookAsync(path, JsonSerializer.Serialize(new { action, ticker = "MNQ1!", price }));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        return json.GetProperty("status").GetString()!;
    }
}
