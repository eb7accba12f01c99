using BlazorTrader.Endpoints;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Hosting.Security;

namespace BlazorTrader.Hosting;

public static class CompositionExtensions
{
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddFirstStartSecretsInitializer();   // needs the migrated database
        return builder;
    }

    public static WebApplicationBuilder AddTradingEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddTradingEngine(builder.Configuration);
        builder.Services.PostConfigure<ClusterOptions>(o => o.AdvertisedUrl ??= DefaultAdvertisedUrl(builder.Configuration));
        builder.Services.AddHttpClient(LeaderForwarder.ClientName, c => c.Timeout = TimeSpan.FromSeconds(2.5));
        builder.Services.AddSingleton<LeaderForwarder>();
        return builder;
    }

    /// <summary>The first listen URL, with a wildcard host made reachable from this machine.</summary>
    private static string DefaultAdvertisedUrl(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5080").Split(';')[0].Trim();
        foreach (var wildcard in new[] { "://0.0.0.0", "://*", "://+", "://[::]" })
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return first;
    }
}
