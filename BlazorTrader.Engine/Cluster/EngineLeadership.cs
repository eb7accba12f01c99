using BlazorTrader.Engine.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlazorTrader.Engine.Cluster;

public enum EngineRole { Candidate, Leader, Follower }

/// <summary>
/// Exactly one engine writes trading state, however many instances run: SQLite instances share a lock file
/// in the data directory (two processes on one machine), PostgreSQL instances a session advisory lock.
/// The others follow: they serve the UI and forward webhooks to the leader.
/// </summary>
public sealed class EngineLeadership(PersistenceSettings settings, IOptions<ClusterOptions> options, TimeProvider time)
{
    private const long AdvisoryLockKey = 0x42_54_45_4E_47_49_4E_45;   // "BTENGINE"
    private volatile EngineRole _role = EngineRole.Candidate;

    public EngineRole Role => _role;

    /// <summary>Waits until this instance leads; the lease holds the lead until disposed (or the process dies).</summary>
    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            var lease = settings.Provider == DatabaseProvider.Postgres ? await TryPostgresAsync(ct) : TryLockFile();
            if (lease is not null)
            {
                _role = EngineRole.Leader;
                return new Lease(lease, () => _role = EngineRole.Candidate);
            }
            _role = EngineRole.Follower;
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.LeaseRetryMs), time, ct);
        }
    }

    private IAsyncDisposable? TryLockFile()
    {
        Directory.CreateDirectory(settings.DataDirectory);
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows; the OS drops it if the process dies.
            return new FileStream(Path.Combine(settings.DataDirectory, "engine.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<IAsyncDisposable?> TryPostgresAsync(CancellationToken ct)
    {
        // Its own unpooled session: a pooled connection would go back to the pool on dispose and keep the lock alive.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        if (await command.ExecuteScalarAsync(ct) is true) return connection;   // the lock lives as long as this session
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Lease(IAsyncDisposable held, Action released) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            released();
            await held.DisposeAsync();
        }
    }
}
