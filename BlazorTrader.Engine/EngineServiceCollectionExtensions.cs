using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.MarketData.TradingView;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Risk;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Supervision;
using BlazorTrader.Engine.Signals;
using Microsoft.Extensions.Configuration;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine loop and everything it owns. Persistence is registered separately.</summary>
    public static IServiceCollection AddTradingEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EngineFence>();
        services.AddSingleton<FencingInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<FencingInterceptor>());
        services.AddSingleton<EngineLeadership>();
        services.AddSingleton<LeaderDirectory>();
        services.AddOptions<MarketDataOptions>().Bind(configuration.GetSection(MarketDataOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(InstrumentCatalog.FromConfiguration(configuration));
        services.AddSingleton(sp => new ContinuousContracts(sp.GetRequiredService<InstrumentCatalog>(), sp.GetRequiredService<TradingCalendar>(),
            configuration.GetSection("InteractiveBrokers:FrontMonths").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.OrdinalIgnoreCase)));
        services.AddSingleton<BrokerContractMonths>();
        services.AddSingleton<FrontMonths>();
        services.AddSingleton(sp => new RollWatch(sp.GetRequiredService<EngineEventHub>(), sp.GetRequiredService<ContinuousContracts>(),
            sp.GetRequiredService<InstrumentCatalog>(), sp.GetRequiredService<TradingCalendar>(),
            configuration.GetValue("Rolls:WarnTradingDays", RollPlanner.DefaultWarnTradingDays)));
        services.AddHostedService<RollWarnings>();
        services.AddSingleton<WebhookPayloadParser>();
        services.AddSingleton<PriceCache>();
        services.AddSingleton<FeedStatusProvider>();
        services.AddSingleton<IFeedStatus>(sp => sp.GetRequiredService<FeedStatusProvider>());
        services.AddSingleton(sp => new SimulatedPriceStore(
            Path.Combine(PersistenceServiceCollectionExtensions.ReadSettings(configuration).DataDirectory, "simulated-prices.json"),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SimulatedTickSource>();
        services.AddSingleton<ReplayTickSource>();
        services.AddSingleton<TradingViewTickSource>();
        services.AddSingleton(sp => new MarketDataService(SelectSource(sp), sp.GetRequiredService<ITickSink>()));
        services.AddSingleton<EngineEventHub>();
        services.AddSingleton<RecorderDirectory>();
        services.AddSingleton<Book.TradingBook>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Book.BookLoader>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SignalHandler>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RecorderHandler>(sp));
        services.AddSingleton<LiveBook>();
        services.AddSingleton<SymbolDemand>();
        services.AddSingleton<ISymbolDemand>(sp => sp.GetRequiredService<SymbolDemand>());
        services.AddSingleton<TickConflator>();
        services.AddSingleton<MarketData.Bars.SessionBars>();
        services.AddSingleton<TickPath>();
        services.AddSingleton<ITickSink>(sp => sp.GetRequiredService<TickConflator>());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LiveBookSync>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TickExitHandler>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PositionCloser>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PositionRoller>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LiveStateWriter>(sp));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DailySnapshotHandler>(sp));
        services.AddSingleton(sp => new TradingEngine(ActivatorUtilities.CreateInstance<EngineServices>(sp)));
        services.AddSingleton<ITradingEngine>(sp => sp.GetRequiredService<TradingEngine>());
        services.AddNotifications(configuration);
        services.AddHostedService<NotificationLogBridge>();
        services.AddTradingCalendar(configuration);
        services.AddExecution(configuration);
        services.AddSingleton<ComponentHealth>();
        services.AddSingleton<ISupervisedComponent>(sp => sp.GetRequiredService<TradingEngine>());
        services.AddSingleton<ISupervisedComponent>(sp => sp.GetRequiredService<MarketDataService>());
        services.AddHostedService<Supervisor>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static ITickSource? SelectSource(IServiceProvider sp) =>
        sp.GetRequiredService<IOptions<MarketDataOptions>>().Value.Source switch
        {
            MarketDataSource.Simulated => sp.GetRequiredService<SimulatedTickSource>(),
            MarketDataSource.Replay => sp.GetRequiredService<ReplayTickSource>(),
            MarketDataSource.TradingView => sp.GetRequiredService<TradingViewTickSource>(),
            MarketDataSource.InteractiveBrokers => sp.GetRequiredService<Execution.InteractiveBrokers.InteractiveBrokersTickSource>(),
            _ => null,
        };
}
