using System.Net;
using BlazorTrader.Engine;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorTrader.Tests.Web.Postgres;

/// <summary>
/// The same engine on PostgreSQL (Database:Provider=Postgres). test.sh installs and starts a local server and
/// passes its admin connection string in BT_TEST_POSTGRES; without it (a machine with no PostgreSQL) these are skipped.
/// </summary>
public sealed class PostgresProviderTests : IAsyncLifetime
{
    private static readonly string? Admin = Environment.GetEnvironmentVariable("BT_TEST_POSTGRES");
    private readonly string _database = $"bt_test_{Guid.NewGuid():N}";
    private string ConnectionString => new NpgsqlConnectionStringBuilder(Admin) { Database = _database }.ConnectionString;

    public async Task InitializeAsync()
    {
        if (Admin is null) return;
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (Admin is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private ConfiguredAppFactory App() => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Default"] = ConnectionString,
    });

    [SkippableFact]
    public async Task DuplicateStorm_OnPostgres_OpensThePositionOnce_AndARestartStillKnowsTheSignal()
    {
        Skip.If(Admin is null, "BT_TEST_POSTGRES is not set (test.sh sets it after starting PostgreSQL)");
        const string buy = """{"action":"buy","ticker":"ES1!","price":6000}""";

        // Arrange
        long id;
        string path;
        using (var app = App())
        {
            (id, path) = await app.CreateRecorderAsync();
            using var client = app.ApiClient();

            // Act
            var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostWebhookAsync(path, buy)));

            // Assert
            Assert.Equal(1, replies.Count(r => r.Body.GetProperty("status").GetString() == "accepted"));
            Assert.Equal(49, replies.Count(r => r.Body.GetProperty("status").GetString() == "duplicate"));
            Assert.Equal(1m, (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("items")[0].GetProperty("totalQuantity").GetDecimal());
        }

        using var restarted = App();
        using var again = restarted.ApiClient();
        var engine = restarted.Services.GetRequiredService<ITradingEngine>();
        await Eventually.ReturnsAsync(() => Task.FromResult(engine.IsReady), ready => ready, "the restarted engine to lead");
        var (status, body) = await again.PostWebhookAsync(path, buy);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("duplicate", body.GetProperty("status").GetString());
        Assert.Equal(1, (await again.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public async Task ADatabaseFromAnOlderVersion_GetsTheNewTablesColumnsAndIndexes_AndKeepsItsData()
    {
        Skip.If(Admin is null, "BT_TEST_POSTGRES is not set (test.sh sets it after starting PostgreSQL)");

        // Arrange: today's schema with a position in it, then cut back to what an older version created.
        long id;
        using (var app = App())
        {
            string path;
            (id, path) = await app.CreateRecorderAsync();
            using var client = app.ApiClient();
            await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":6000,"quantity":2}""");
        }
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync("""
            DROP TABLE spx_calendar_trades, market_bars, gap_and_go_days;
            ALTER TABLE scheduled_strategies DROP COLUMN "Kind", DROP COLUMN "ParametersJson";
            ALTER TABLE engine_leader DROP COLUMN "Epoch";
            DROP INDEX "IX_scheduled_strategies_Name";
            """);

        // Act
        using var upgraded = App();
        var engine = upgraded.Services.GetRequiredService<ITradingEngine>();
        await Eventually.ReturnsAsync(() => Task.FromResult(engine.IsReady), ready => ready, "the upgraded engine to lead");

        // Assert
        Assert.Equal(3L, await ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('spx_calendar_trades', 'market_bars', 'gap_and_go_days')"));
        Assert.Equal("'Single'::character varying", await ScalarAsync<string>("SELECT column_default FROM information_schema.columns WHERE table_name = 'scheduled_strategies' AND column_name = 'Kind'"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'engine_leader' AND column_name = 'Epoch'"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'IX_scheduled_strategies_Name'"));
        using var client2 = upgraded.ApiClient();
        Assert.Equal(2m, (await client2.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("items")[0].GetProperty("totalQuantity").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await client2.GetAsync("/api/strategies")).StatusCode);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
