using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Engine.Scheduling.Strategies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Engine.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Scheduled strategies and the system jobs on Hangfire (the host adds Hangfire's storage and server). Jobs only
    /// send engine commands; they are registered at start from configuration and the database.
    /// </summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.EndOfDayFlatten.Values.All(v => string.IsNullOrEmpty(v) || TimeOnly.TryParseExact(v, "HH:mm", out _)),
                "Scheduling:EndOfDayFlatten: each time is HH:mm (exchange time) or empty for none.")
            .Validate(o => o.PollingInterval > TimeSpan.Zero, "Scheduling:PollingInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<StrategySchedule>();
        services.AddSingleton<SystemJobs>();
        services.AddSingleton<ScheduledStrategyService>();
        services.AddTransient<StrategyEntryJob>();
        services.AddTransient<StrategyExitJob>();
        services.AddTransient<EndOfDayFlattenJob>();
        services.AddTransient<ReconciliationJob>();
        services.AddTransient<DailySnapshotJob>();
        services.AddSingleton<IStrategyKindJobs, SpxCalendarKindJobs>();
        services.AddTransient<SpxCalendarJob>();
        services.AddSingleton<IStrategyKindJobs, GapAndGoJobs>();
        services.AddTransient<GapAndGoScanJob>();
        services.AddTransient<GapAndGoLiquidationJob>();
        services.AddHostedService<RecurringJobsStartup>();
        return services;
    }
}
