using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Scheduling;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Hosting;

public static class SchedulingExtensions
{
    /// <summary>Hangfire with in-memory storage (or PostgreSQL with Database:Provider=Postgres); jobs only enqueue engine commands.</summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var persistence = PersistenceServiceCollectionExtensions.ReadSettings(builder.Configuration);
        // This app's own storage and activator, registered before AddHangfire: its defaults read the static JobStorage.Current and
        // JobActivator.Current, which the last app configured in this process owns (several apps run side by side in tests).
        builder.Services.AddSingleton<JobStorage>(_ => persistence.Provider == DatabaseProvider.Postgres
            ? CreatePostgreSqlStorage(persistence.ConnectionString)
            : new InMemoryStorage());
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogBridge(sp.GetRequiredService<ILoggerFactory>()))
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        var before = builder.Services.Count;
        builder.Services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = 2;
            o.SchedulePollingInterval = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.PollingInterval;
            // On SIGTERM running jobs are told to stop at once and abandoned after a few seconds (each is keyed, so a rerun is harmless);
            // the defaults (15 s, and an unbounded wait in StopAsync) outlasted the host's timeout and ended in an unhandled exception.
            o.StopTimeout = TimeSpan.Zero;
            o.ShutdownTimeout = HangfireShutdownTimeout;
        });
        BoundHangfireStop(builder.Services, before);
        builder.Services.AddScheduledJobs(builder.Configuration);
        return builder;
    }

    /// <summary>How long Hangfire's server waits for running jobs at shutdown; the whole process stops well within 10 s.</summary>
    public static readonly TimeSpan HangfireShutdownTimeout = TimeSpan.FromSeconds(3);

    // AddHangfireServer registers its hosted service through a factory: wrap what it added so its stop has a deadline.
    private static void BoundHangfireStop(IServiceCollection services, int firstAdded)
    {
        for (var i = firstAdded; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(IHostedService) || d.ImplementationFactory is not { } factory) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new BoundedStopHostedService((IHostedService)factory(sp),
                HangfireShutdownTimeout + TimeSpan.FromSeconds(1), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BoundedStopHostedService>>()));
        }
    }

    public static WebApplication MapScheduling(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new LoggedInUserFilter()],
            AppPath = "/",
            DashboardTitle = "BlazorTrader jobs",
        }).RequireAuthorization();   // not signed in: redirected to the login page (cookie challenge), not a bare 401
        return app;
    }

    private static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions();
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The dashboard is for the app's logged-in user only (cookie login of the UI).</summary>
    private sealed class LoggedInUserFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}
