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
}
