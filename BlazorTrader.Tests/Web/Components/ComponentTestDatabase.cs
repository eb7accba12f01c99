using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>A real SQLite file with the app's schema for components that read history (made on first use, deleted with the test).</summary>
public sealed class ComponentTestDatabase : IDbContextFactory<TradingDbContext>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bt-bunit-").FullName;
    private readonly DbContextOptions<TradingDbContext> _options;

    public ComponentTestDatabase()
    {
        _options = new DbContextOptionsBuilder<TradingDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "trading.db")};Pooling=False").Options;
        using var db = CreateDbContext();
        db.Database.EnsureCreated();
    }

    public TradingDbContext CreateDbContext() => new(_options);

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
