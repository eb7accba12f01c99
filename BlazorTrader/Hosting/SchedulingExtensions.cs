using BlazorTrader.Engine.Persistence;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;

namespace BlazorTrader.Hosting;

public static class SchedulingExtensions
{
    /// <summary>Hangfire with in-memory storage (or PostgreSQL with Database:Provider=Postgres); jobs only enqueue engine commands.</summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var persistence = PersistenceServiceCollectionExtensions.ReadSettings(builder.Configuration);
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (persistence.Provider == DatabaseProvider.Postgres)
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(persistence.ConnectionString));
            else
                config.UseInMemoryStorage();
        });
        builder.Services.AddHangfireServer(o => o.WorkerCount = 2);
        return builder;
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

    /// <summary>The dashboard is for the app's logged-in user only (cookie login of the UI).</summary>
    private sealed class LoggedInUserFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}
