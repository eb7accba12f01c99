using System.Net;
using BlazorTrader.Endpoints;
using BlazorTrader.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

/// <summary>Two instances on one database (here one SQLite data directory): one engine leads, the other follows and forwards.</summary>
public class EngineLeadershipTests
{
    private sealed class Instance(string dataDirectory, string url, Func<AppFactory>? leader = null) : AppFactory(new Dictionary<string, string?>
    {
        ["BlazorTrader:DataDirectory"] = dataDirectory,
        ["Cluster:AdvertisedUrl"] = url,
        ["Cluster:LeaseRetryMs"] = "100",
    })
    {
        protected override void ConfigureServices(IServiceCollection services)
        {
            // TestServer has no socket: the follower reaches the leader through the leader's in-memory handler.
            if (leader is not null)
                services.AddHttpClient(LeaderForwarder.ClientName).ConfigurePrimaryHttpMessageHandler(() => leader().Server.CreateHandler());
        }
    }

    [Fact]
    public async Task SecondInstance_Follows_ForwardsWebhooksToTheLeader_AndTakesOverWhenItStops()
    {
        // Arrange: the first instance leads
        var data = Directory.CreateTempSubdirectory("bt-cluster-").FullName;
        var first = new Instance(data, "http://first");
        var (id, path) = await first.CreateRecorderAsync();
        using var second = new Instance(data, "http://second", () => first);
        using var client = second.ApiClient();
        var engine = second.Services.GetRequiredService<ITradingEngine>();
        var followerHealth = await Eventually.ReturnsAsync(() => client.GetJsonAsync("/health"),
            h => h.GetProperty("components").GetProperty("engine").GetProperty("data").GetProperty("role").GetString() == "follower", "the second engine to follow");

        // Act: a webhook to the follower is applied by the leader
        var (forwardedStatus, forwarded) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":6000}""");

        // Assert
        Assert.False(engine.IsReady);
        Assert.Equal("healthy", followerHealth.GetProperty("components").GetProperty("engine").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, forwardedStatus);
        Assert.Equal("accepted", forwarded.GetProperty("status").GetString());

        // Act: the leader stops; the follower takes the lead and applies the next webhook itself
        first.Dispose();
        await Eventually.ReturnsAsync(() => Task.FromResult(engine.IsReady), ready => ready, "the second engine to lead");
        var (status, local) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":6001}""");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accepted", local.GetProperty("status").GetString());
        Assert.Equal(2m, local.GetProperty("position").GetProperty("totalQuantity").GetDecimal());
        Assert.Equal(2, (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("total").GetInt32());
    }
}
