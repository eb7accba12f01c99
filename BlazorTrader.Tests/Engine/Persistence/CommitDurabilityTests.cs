using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Engine.Persistence;

/// <summary>Commits sync to disk unless they book a broker's report; pooled connections never carry the setting over.</summary>
public sealed class CommitDurabilityTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bt-durability-").FullName;
    private readonly ServiceProvider _services;

    public CommitDurabilityTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlazorTrader:DataDirectory"] = _data,
        }).Build();
        _services = new ServiceCollection().AddPersistence(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task ABrokerReport_CommitsWithNormalSync_EverythingElseWithFull_OnTheSamePooledConnection()
    {
        // Arrange: SQLite's codes: 1 = NORMAL, 2 = FULL

        // Act
        var before = await SynchronousAsync();
        var inReport = await CommitDurability.BrokerReportAsync(SynchronousAsync);
        var nested = await CommitDurability.BrokerReportAsync(async () => (await SynchronousAsync(), await SynchronousAsync()));
        var after = await SynchronousAsync();

        // Assert
        Assert.Equal(2L, before);
        Assert.Equal(1L, inReport);
        Assert.Equal((1L, 1L), nested);
        Assert.Equal(2L, after);
    }

    private async Task<long> SynchronousAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
