using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Persistence;

public sealed class TradingDbContext(DbContextOptions<TradingDbContext> options) : DbContext(options)
{
    public DbSet<RecorderEntity> Recorders => Set<RecorderEntity>();
    public DbSet<SignalEntity> Signals => Set<SignalEntity>();
    public DbSet<PositionEntity> Positions => Set<PositionEntity>();
    public DbSet<TradeEntity> Trades => Set<TradeEntity>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<PnlHistoryEntity> PnlHistory => Set<PnlHistoryEntity>();
    public DbSet<AppSecret> Secrets => Set<AppSecret>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TradingDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<decimal>().HavePrecision(18, 8);
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
