using BlazorTrader.Engine.Accounts;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Execution.Tradovate;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Keys;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorTrader.Engine.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>Brokers (paper built in; adapters add an <see cref="IBrokerProvider"/>), order intents, copy trading, limits, kill switch.</summary>
    public static IServiceCollection AddExecution(this IServiceCollection services, IConfiguration configuration)
    {
        // Broker settings are encrypted with Data Protection: keys in the data directory, or in the database shared by instances.
        var dataDirectory = PersistenceServiceCollectionExtensions.ReadSettings(configuration).DataDirectory;
        services.AddDataProtectionKeyStore(configuration);
        // Others may register these too; one registration each (the dispatcher is also a hosted service).
        if (!services.Any(d => d.ServiceType == typeof(TradingCalendar))) services.AddTradingCalendar(configuration);
        if (!services.Any(d => d.ServiceType == typeof(NotificationDispatcher))) services.AddNotifications(configuration);

        services.AddSingleton<EngineInbox>();
        services.AddSingleton<AccountSettingsProtector>();
        services.AddSingleton<BrokerRegistry>();
        services.AddSingleton<KillSwitch>();
        services.AddSingleton<IKillSwitchStatus>(sp => sp.GetRequiredService<KillSwitch>());
        services.AddSingleton<RiskGate>();
        services.AddSingleton<IntentWriter>();
        services.AddSingleton<OrderSubmitter>();
        services.AddSingleton<IntentUpdater>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<OrderRouter>();
        services.AddSingleton<Protection.ProtectionKeeper>();
        services.AddSingleton<AccountFollower>();
        services.AddOptions<ExecutionOptions>().BindConfiguration(ExecutionOptions.Section);
        services.AddSingleton<AccountHandler>();
        services.AddSingleton<ManualTradingHandler>();
        services.AddSingleton<FlattenHandler>();
        services.AddSingleton<ScheduledExitHandler>();
        services.AddSingleton<PaperVenue>();
        services.AddOptions<PaperOptionsOptions>().BindConfiguration(PaperOptionsOptions.Section);
        services.AddOptions<SpxCalendarTrading.PaperHoursOptions>().BindConfiguration(SpxCalendarTrading.PaperHoursOptions.Section);
        services.AddSingleton<PaperOptionMarket>();
        services.TryAddSingleton<SpxCalendarTrading.ISpxCalendarCrashPoint, SpxCalendarTrading.NoCrashPoint>();
        services.AddSingleton<SpxCalendarTrading.SpxCalendarHandler>();
        services.AddSingleton<GapAndGo.GapAndGoBrackets>();
        services.AddSingleton<GapAndGo.GapAndGoLiquidation>();
        services.AddSingleton<GapAndGo.GapAndGoMarketData>();
        services.AddSingleton<GapAndGo.GapAndGoHandler>();
        services.AddSingleton<ExecutionDispatcher>();
        services.AddSingleton(sp => new AccountQueries(sp.GetRequiredService<BrokerRegistry>()));
        services.AddSingleton<IProtectionStatus, ProtectionStatusReader>();
        services.AddOptions<InteractiveBrokersOptions>().BindConfiguration(InteractiveBrokersOptions.Section);
        services.AddSingleton(new IbOrderIdDirectory(dataDirectory));
        services.AddSingleton<IBrokerProvider, InteractiveBrokersProvider>();
        services.AddSingleton<InteractiveBrokersTickSource>();
        services.AddOptions<TradovateOptions>().BindConfiguration(TradovateOptions.Section);
        services.AddSingleton<TradovateProvider>();
        services.AddSingleton<IBrokerProvider>(sp => sp.GetRequiredService<TradovateProvider>());
        services.AddSingleton<TradovateOAuth>();
        return services;
    }
}
