using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Engine.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string DatabaseFileName = "blazortrader.db";

    /// <summary>EF Core on SQLite (default, a file in the data directory) or PostgreSQL; migrated at start.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ReadSettings(configuration);
        services.AddSingleton(settings);
        // Pooled: the engine opens a context per command, and a new one builds its services every time (measured in bench/).
        services.AddPooledDbContextFactory<TradingDbContext>((sp, options) =>
        {
            if (settings.Provider == DatabaseProvider.Postgres) options.UseNpgsql(settings.ConnectionString);
            else options.UseSqlite(settings.ConnectionString).AddInterceptors(new SqliteDurabilityInterceptor());
            // Interceptors registered in the container (the engine's leadership fence) see every context.
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        // Registered before the engine: hosted services start in order, so the schema exists before the loop reads it.
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static PersistenceSettings ReadSettings(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["BlazorTrader:DataDirectory"] is { Length: > 0 } d ? d : "data");
        var provider = Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataDirectory, DatabaseFileName),
                DefaultTimeout = 30,
            }.ToString();
        }
        return new PersistenceSettings(provider, connectionString, dataDirectory);
    }
}
