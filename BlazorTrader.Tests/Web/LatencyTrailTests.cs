using System.Net.Http.Json;
using System.Text.Json;

namespace BlazorTrader.Tests.Web;

public class LatencyTrailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SignalCopiedToAPaperAccount_ShowsItsWholeLatencyTrail()
    {
        // Arrange: a paper account that fills at once, linked to a recorder
        using var client = app.ApiClient();
        var created = await client.PostAsJsonAsync("/api/accounts", new { name = "Fast paper", broker = "paper", settings = new { startingCash = 10000, latencyMs = 0, slippageTicks = 0 } });
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var (id, path) = await app.CreateRecorderAsync(new { name = "copied", accounts = new[] { new { accountId, multiplier = 1 } } });

        // Act
        var (_, reply) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"L","time":"2026-11-20T14:45:00Z"}""");
        var signal = await Eventually.ReturnsAsync(async () => (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("items")[0],
            s => s.GetProperty("latency").GetProperty("filledAt").ValueKind == JsonValueKind.String, "the copied order to fill");

        // Assert
        var trail = signal.GetProperty("latency");
        Assert.Equal(new DateTime(2026, 11, 20, 14, 45, 0, DateTimeKind.Utc), trail.GetProperty("alertTime").GetDateTime());
        var received = trail.GetProperty("receivedAt").GetDateTime();
        var decided = trail.GetProperty("decidedAt").GetDateTime();
        var submitted = trail.GetProperty("submittedAt").GetDateTime();
        var filled = trail.GetProperty("filledAt").GetDateTime();
        Assert.True(received <= decided && decided <= submitted && submitted <= filled, $"{received:O} {decided:O} {submitted:O} {filled:O}");
        Assert.True(trail.GetProperty("receivedToDecidedMs").GetDouble() >= 0);
        Assert.Equal(reply.GetProperty("intentIds").EnumerateArray().Select(i => i.GetInt64()),
            signal.GetProperty("intentIds").EnumerateArray().Select(i => i.GetInt64()));
    }
}
