using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Persistence.Keys;

/// <summary>
/// ASP.NET Data Protection's key ring in the shared PostgreSQL database, so every instance can decrypt what another
/// encrypted (account settings). Its own context: the trading schema and its SQLite migrations stay untouched.
/// </summary>
public sealed class DataProtectionKeysContext(DbContextOptions<DataProtectionKeysContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Table = "data_protection_keys";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DataProtectionKey>().ToTable(Table);
}
