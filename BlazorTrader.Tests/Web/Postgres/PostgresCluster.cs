using BlazorTrader.Endpoints;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorTrader.Tests.Web.Postgres;

/// <summary>
/// A throw-away PostgreSQL database (on the server test.sh starts, BT_TEST_POSTGRES) shared by several app instances,
/// each with its own data directory, as on separate machines.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public static readonly string? Admin = Environment.GetEnvironmentVariable("BT_TEST_POSTGRES");
    public const string SkipReason = "BT_TEST_POSTGRES is not set (test.sh sets it after starting PostgreSQL)";

    private readonly List<ClusterInstance> _instances = [];

    private PostgresCluster(string database) => Database = database;

    public string Database { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = Database }.ConnectionString;

    public static async Task<PostgresCluster> CreateAsync()
    {
        var cluster = new PostgresCluster($"bt_test_{Guid.NewGuid():N}");
        await cluster.AdminAsync($"CREATE DATABASE \"{cluster.Database}\"");
        return cluster;
    }

    /// <summary>An instance that forwards webhooks, when it follows, to <paramref name="peer"/>'s in-memory server.</summary>
    public ClusterInstance Instance(string name, Func<ClusterInstance> peer, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Cluster:AdvertisedUrl"] = $"http://{name}",
            ["Cluster:LeaseRetryMs"] = "100",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var instance = new ClusterInstance(all, peer, services);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Ends the session that holds the engine's advisory lock, as a database restart or an idle-connection reaper would.</summary>
    public async Task<int> TerminateLockSessionAsync()
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(pg_terminate_backend(l.pid))::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND l.granted AND d.datname = @db
            """, connection);
        command.Parameters.AddWithValue("db", Database);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public async Task<T> DbAsync<T>(Func<TradingDbContext, Task<T>> query)
    {
        await using var db = new TradingDbContext(new DbContextOptionsBuilder<TradingDbContext>().UseNpgsql(ConnectionString).Options);
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) instance.Dispose();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class ClusterInstance(IDictionary<string, string?> settings, Func<ClusterInstance> peer, Action<IServiceCollection>? services)
    : AppFactory(settings)
{
    public ITradingEngine Engine => Services.GetRequiredService<ITradingEngine>();

    public EngineLeadership Leadership => Services.GetRequiredService<EngineLeadership>();

    protected override void ConfigureServices(IServiceCollection collection)
    {
        // TestServer has no socket: a follower reaches the leader through the peer's in-memory handler.
        collection.AddHttpClient(LeaderForwarder.ClientName).ConfigurePrimaryHttpMessageHandler(() => peer().Server.CreateHandler());
        services?.Invoke(collection);
    }

    // Generous: a shared CI machine under load starts a host in tens of seconds; the measurements are asserted separately.
    public Task LeadsAsync(int timeoutMs = 60_000) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Engine.IsReady), ready => ready, "the engine to lead", timeoutMs);

    public Task FollowsAsync() =>
        Eventually.ReturnsAsync(() => Task.FromResult(Leadership.Role), role => role == EngineRole.Follower, "the engine to follow", 60_000);
}
