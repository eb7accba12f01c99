using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;
using Microsoft.Extensions.Configuration;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine loop and everything it owns. Persistence is registered separately.</summary>
    public static IServiceCollection AddTradingEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(InstrumentCatalog.FromConfiguration(configuration));
        services.AddSingleton<WebhookPayloadParser>();
        services.AddSingleton<PriceCache>();
        services.AddSingleton<FeedStatusProvider>();
        services.AddSingleton<EngineEventHub>();
        services.AddSingleton<RecorderDirectory>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SignalHandler>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RecorderHandler>(sp));
        services.AddSingleton(sp => new TradingEngine(
            sp.GetRequiredService<IDbContextFactory<TradingDbContext>>(), sp.GetRequiredService<SignalHandler>(),
            sp.GetRequiredService<RecorderHandler>(), sp.GetRequiredService<ExecutionDispatcher>(), sp.GetRequiredService<EngineEventHub>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TradingEngine>>()));
        services.AddSingleton<ITradingEngine>(sp => sp.GetRequiredService<TradingEngine>());
        services.AddExecution(configuration);
        services.AddHostedService(sp => sp.GetRequiredService<TradingEngine>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
