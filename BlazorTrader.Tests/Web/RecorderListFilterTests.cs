using System.Net;

namespace BlazorTrader.Tests.Web;

public class RecorderListFilterTests
{
    [Fact]
    public async Task RecorderPositions_HonourStatus_LikeApiPositions()
    {
        // Arrange: one closed and one open position on the recorder
        using var app = new AppFactory();
        var (id, path) = await app.CreateRecorderAsync(new { name = "lists", initialPositionSize = 1 });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await client.PostWebhookAsync(path, """{"action":"close","ticker":"MNQ1!","price":21510}""");
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":6000}""");

        // Act
        var open = await client.GetJsonAsync($"/api/recorders/{id}/positions?status=open");
        var closed = await client.GetJsonAsync($"/api/recorders/{id}/positions?status=closed");
        var bad = await client.GetAsync($"/api/recorders/{id}/positions?status=maybe");

        // Assert
        Assert.Equal(("ES1!", 1), (open.GetProperty("items")[0].GetProperty("ticker").GetString(), open.GetProperty("total").GetInt32()));
        Assert.Equal(("MNQ1!", 1), (closed.GetProperty("items")[0].GetProperty("ticker").GetString(), closed.GetProperty("total").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status", await bad.Content.ReadAsStringAsync());
    }
}
