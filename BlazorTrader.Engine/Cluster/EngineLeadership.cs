using BlazorTrader.Engine.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlazorTrader.Engine.Cluster;

public enum EngineRole { Candidate, Leader, Follower }

/// <summary>
/// Exactly one engine writes trading state, however many instances run: SQLite instances share a lock file
/// in the data directory (two processes on one machine), PostgreSQL instances a session advisory lock.
/// The others follow: they serve the UI and forward webhooks to the leader.
/// A lock alone is not enough on PostgreSQL: its session can die (terminated, database restart, network cut) while
/// this process still believes it leads. So each lead carries an epoch claimed in the database, every write this
/// instance makes while leading is fenced by it (<see cref="FencingInterceptor"/>), and the lock session is checked
/// every <see cref="ClusterOptions.LeaseCheckMs"/> so the engine steps down when it dies.
/// </summary>
public sealed partial class EngineLeadership(
    PersistenceSettings settings,
    LeaderDirectory leaders,
    EngineFence fence,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<EngineLeadership> log)
{
    private const long AdvisoryLockKey = 0x42_54_45_4E_47_49_4E_45;   // "BTENGINE"
    private static readonly TimeSpan ProbeTimeoutFloor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);
    private volatile EngineRole _role = EngineRole.Candidate;

    public EngineRole Role => _role;

    /// <summary>The lease this instance leads under, or null when it does not lead.</summary>
    public EngineLease? Current => fence.Current;

    /// <summary>
    /// Waits until this instance holds the lock, then claims the next epoch (in one transaction with the leader row)
    /// and returns the lease; it holds the lead until disposed, the process dies, or <see cref="EngineLease.Lost"/> fires.
    /// </summary>
    public async Task<EngineLease> AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            var held = settings.Provider == DatabaseProvider.Postgres ? await TryPostgresAsync(ct) : TryLockFile();
            if (held is not null)
            {
                try
                {
                    return await LeadAsync(held, ct);
                }
                catch
                {
                    await held.DisposeAsync();
                    throw;
                }
            }
            _role = EngineRole.Follower;
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.LeaseRetryMs), time, ct);
        }
    }

    private async Task<EngineLease> LeadAsync(IAsyncDisposable held, CancellationToken ct)
    {
        var epoch = await leaders.ClaimAsync(ct);
        Task watch = Task.CompletedTask;
        EngineLease? lease = null;
        lease = new EngineLease(epoch, held, async () =>
        {
            fence.Leave(lease!);
            _role = EngineRole.Candidate;
            await watch;   // the watchdog stops using the lock session before it is closed
        });
        if (held is LockSession session) watch = WatchSessionAsync(session.Connection, lease);
        fence.Enter(lease);
        _role = EngineRole.Leader;
        LeadTaken(log, epoch);
        return lease;
    }

    /// <summary>
    /// A cheap round trip on the lock session every check interval; an error, or no answer in time, means the
    /// lock may be gone (another instance may take it at once), so the lease is lost.
    /// </summary>
    private async Task WatchSessionAsync(NpgsqlConnection session, EngineLease lease)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.LeaseCheckMs);
        // A dead session answers with an error at once; only a silent one (network cut) waits out this timeout,
        // which is generous so a busy machine (start-up JIT, a long GC) does not step a healthy leader down.
        var timeout = TimeSpan.FromTicks(Math.Max(interval.Ticks * 2, ProbeTimeoutFloor.Ticks));
        try
        {
            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(lease.Lost))
            {
                await using var probe = new NpgsqlCommand("SELECT 1", session);
                await probe.ExecuteScalarAsync(lease.Lost).WaitAsync(timeout, time, lease.Lost);
            }
        }
        catch (OperationCanceledException) when (lease.IsLost)
        {
            // released, or a fenced write found a newer epoch
        }
        catch (Exception ex)
        {
            lease.MarkLost($"the lock session failed its check ({ex.GetType().Name}: {ex.Message})");
            LeadLost(log, lease.Epoch, lease.Reason!);
        }
    }

    /// <summary>
    /// Confirms right before an irreversible step outside the database (an order handed to a broker) that
    /// <paramref name="lease"/> still leads: it is this instance's current lease, not known lost, and no instance has
    /// claimed a newer epoch. A leader that was paused (SIGSTOP, a long GC) may resume before its session check notices
    /// that another instance took over; the stored epoch tells at once. Returns why not, or null when it still leads.
    /// A database that does not answer in time cannot confirm the lead either.
    /// </summary>
    public async Task<string?> WhyNotLeadingAsync(EngineLease lease, CancellationToken ct)
    {
        if (lease.IsLost) return lease.Reason ?? "lost";
        if (!ReferenceEquals(fence.Current, lease)) return "this instance leads under another lease now";
        try
        {
            // Real time: an I/O bound, not a trading clock (a test's fake clock jumping ahead must not refuse orders).
            var stored = await leaders.StoredEpochAsync(ct).WaitAsync(ConfirmTimeout, TimeProvider.System, ct);
            if (stored == lease.Epoch) return null;
            var reason = $"another instance leads under epoch {stored}";
            lease.MarkLost(reason);   // step down now rather than at the next commit
            LeadLost(log, lease.Epoch, reason);
            return reason;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return $"the lead could not be confirmed ({ex.GetType().Name}: {ex.Message})";
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
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            if (await command.ExecuteScalarAsync(ct) is true) return new LockSession(connection);   // the lock lives as long as this session
        }
        catch (NpgsqlException)
        {
            // the database is unreachable: stay a candidate and try again
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The advisory-lock session; closed quietly, as it may already be dead.</summary>
    private sealed class LockSession(NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try { await connection.DisposeAsync(); }
            catch (Exception) { /* a terminated or unreachable session: the server has dropped the lock already */ }
        }
    }

    [LoggerMessage(7001, LogLevel.Information, "This instance leads the engine under epoch {Epoch}")]
    private static partial void LeadTaken(ILogger logger, long epoch);

    [LoggerMessage(7002, LogLevel.Warning, "Engine lead under epoch {Epoch} lost: {Reason}")]
    internal static partial void LeadLost(ILogger logger, long epoch, string reason);
}
