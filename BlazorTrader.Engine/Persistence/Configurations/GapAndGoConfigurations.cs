using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorTrader.Engine.Persistence.Configurations;

internal sealed class MarketBarConfiguration : IEntityTypeConfiguration<MarketBarEntity>
{
    public void Configure(EntityTypeBuilder<MarketBarEntity> b)
    {
        b.ToTable("market_bars");
        b.Property(x => x.Symbol).HasMaxLength(40);
        b.HasIndex(x => new { x.Symbol, x.BarSeconds, x.StartUtc }).IsUnique();
    }
}

internal sealed class GapAndGoDayConfiguration : IEntityTypeConfiguration<GapAndGoDayEntity>
{
    public void Configure(EntityTypeBuilder<GapAndGoDayEntity> b)
    {
        b.ToTable("gap_and_go_days");
        b.HasIndex(x => new { x.StrategyId, x.TradeDate }).IsUnique();
        b.Property(x => x.HaltReason).HasMaxLength(200);
        b.HasOne<ScheduledStrategyEntity>().WithMany().HasForeignKey(x => x.StrategyId).OnDelete(DeleteBehavior.Cascade);
    }
}
