using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Persistence;

/// <summary>Creates the data directory, applies migrations and turns on SQLite's write-ahead log, before anything else starts.</summary>
internal sealed class DatabaseMigrator(
    IDbContextFactory<TradingDbContext> dbFactory, PersistenceSettings settings, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.DataDirectory);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers (UI, history endpoints) run while the engine writes; it is a property of the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            // EnsureCreated is not enough: Hangfire's own tables in the same database would make it skip ours.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken)) await creator.CreateAsync(cancellationToken);
            var added = await PostgresSchemaUpgrade.ApplyAsync(db, cancellationToken);
            if (added.Count > 0) logger.LogInformation("PostgreSQL schema brought up to date: {Added}", string.Join(", ", added));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
