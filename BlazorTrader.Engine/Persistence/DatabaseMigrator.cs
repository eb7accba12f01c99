using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;

namespace BlazorTrader.Engine.Persistence;

/// <summary>Creates the data directory, applies migrations and turns on SQLite's write-ahead log, before anything else starts.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<TradingDbContext> dbFactory, PersistenceSettings settings) : IHostedService
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
            // The committed migrations are SQLite's; PostgreSQL gets its schema from the model. EnsureCreated is not
            // enough: Hangfire's own tables in the same database would make it skip ours.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(cancellationToken)) await creator.CreateAsync(cancellationToken);
            var ours = await db.Database.SqlQueryRaw<int>(
                "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'recorders'")
                .SingleAsync(cancellationToken);
            if (ours == 0) await creator.CreateTablesAsync(cancellationToken);
            // A database created before leadership carried an epoch (fencing) gets the column; a no-op afterwards.
            else await db.Database.ExecuteSqlRawAsync(
                "ALTER TABLE \"engine_leader\" ADD COLUMN IF NOT EXISTS \"Epoch\" bigint NOT NULL DEFAULT 0", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
