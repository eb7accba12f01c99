using BlazorTrader.Engine;
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
        return builder;
    }
}
