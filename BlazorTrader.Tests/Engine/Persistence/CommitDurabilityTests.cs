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

    [Fact]
    public async Task EveryConnection_HasALargePageCache_AndMemoryMappedReads()
    {
        // Act: a long history's random index pages must not be re-read from the file on every insert (bench scenario c)
        var (cache, mmap) = (await PragmaAsync("cache_size"), await PragmaAsync("mmap_size"));
        var inReport = await CommitDurability.BrokerReportAsync(() => PragmaAsync("cache_size"));

        // Assert: negative = KiB
        Assert.Equal(-65536L, cache);
        Assert.Equal(268435456L, mmap);
        Assert.Equal(-65536L, inReport);
    }

    private Task<long> SynchronousAsync() => PragmaAsync("synchronous");

    private async Task<long> PragmaAsync(string name)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
