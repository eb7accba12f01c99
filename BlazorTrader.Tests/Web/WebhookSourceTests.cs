using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

public class WebhookSourceTests
{
    private const string Buy = """{"action":"buy","ticker":"MNQ1!","price":21500}""";

    /// <summary>TestServer has no socket: this sets the connection's address from a test header, before everything else.</summary>
    private sealed class RemoteAddressApp(IDictionary<string, string?> settings) : AppFactory(settings)
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IStartupFilter>(new RemoteAddressFromHeader());
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Remote", out var remote)) context.Connection.RemoteIpAddress = IPAddress.Parse(remote!);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static async Task<HttpStatusCode> PostFromAsync(AppFactory app, string path, string remote, string? forwardedFor = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Buy) };
        request.Headers.Add("X-Test-Remote", remote);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("52.89.214.238", HttpStatusCode.OK)]       // a TradingView address (preset)
    [InlineData("10.1.2.3", HttpStatusCode.OK)]            // inside the configured CIDR
    [InlineData("203.0.113.9", HttpStatusCode.Forbidden)]
    public async Task AllowList_LetsInOnlyListedSources(string remote, HttpStatusCode expected)
    {
        using var app = new RemoteAddressApp(new Dictionary<string, string?>
        {
            ["Webhooks:AllowedSources:0"] = "TradingView", ["Webhooks:AllowedSources:1"] = "10.0.0.0/8",
        });
        var (_, path) = await app.CreateRecorderAsync();

        Assert.Equal(expected, await PostFromAsync(app, path, remote));
    }

    [Fact]
    public async Task ForwardedFor_IsHonoured_OnlyFromATrustedProxy()
    {
        using var app = new RemoteAddressApp(new Dictionary<string, string?>
        {
            ["Webhooks:AllowedSources:0"] = "TradingView", ["Webhooks:TrustedProxies:0"] = "127.0.0.1/32",
        });
        var (_, path) = await app.CreateRecorderAsync();

        var viaTrustedProxy = await PostFromAsync(app, path, "127.0.0.1", forwardedFor: "34.212.75.30");
        var viaUnknownProxy = await PostFromAsync(app, path, "198.51.100.7", forwardedFor: "34.212.75.30");
        var spoofedByProxyItself = await PostFromAsync(app, path, "127.0.0.1", forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, viaTrustedProxy);
        Assert.Equal(HttpStatusCode.Forbidden, viaUnknownProxy);
        Assert.Equal(HttpStatusCode.Forbidden, spoofedByProxyItself);
    }

    [Fact]
    public async Task NoAllowList_AcceptsAnySource()
    {
        using var app = new RemoteAddressApp(new Dictionary<string, string?>());
        var (_, path) = await app.CreateRecorderAsync();

        Assert.Equal(HttpStatusCode.OK, await PostFromAsync(app, path, "203.0.113.9"));
    }
}
