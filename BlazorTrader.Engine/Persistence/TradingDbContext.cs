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
    public DbSet<EngineLeaderEntity> EngineLeader => Set<EngineLeaderEntity>();
    public DbSet<AppSecret> Secrets => Set<AppSecret>();
    public DbSet<AccountEntity> Accounts => Set<AccountEntity>();
    public DbSet<OrderIntentEntity> OrderIntents => Set<OrderIntentEntity>();
    public DbSet<AccountPositionEntity> AccountPositions => Set<AccountPositionEntity>();
    public DbSet<RecorderLimitsEntity> RecorderLimits => Set<RecorderLimitsEntity>();
    public DbSet<EngineFlagEntity> EngineFlags => Set<EngineFlagEntity>();
    public DbSet<PaperAccountEntity> PaperAccounts => Set<PaperAccountEntity>();
    public DbSet<PaperOrderEntity> PaperOrders => Set<PaperOrderEntity>();
    public DbSet<PaperExecutionEntity> PaperExecutions => Set<PaperExecutionEntity>();
    public DbSet<PaperPositionEntity> PaperPositions => Set<PaperPositionEntity>();
    public DbSet<ScheduledStrategyEntity> ScheduledStrategies => Set<ScheduledStrategyEntity>();
    public DbSet<SpxCalendarTradeEntity> SpxCalendarTrades => Set<SpxCalendarTradeEntity>();
    public DbSet<MarketBarEntity> MarketBars => Set<MarketBarEntity>();
    public DbSet<GapAndGoDayEntity> GapAndGoDays => Set<GapAndGoDayEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TradingDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<decimal>().HavePrecision(18, 8);
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
