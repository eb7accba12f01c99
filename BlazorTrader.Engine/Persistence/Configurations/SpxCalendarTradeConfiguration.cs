using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorTrader.Engine.Persistence.Configurations;

internal sealed class SpxCalendarTradeConfiguration : IEntityTypeConfiguration<SpxCalendarTradeEntity>
{
    public void Configure(EntityTypeBuilder<SpxCalendarTradeEntity> b)
    {
        b.ToTable("spx_calendar_trades");
        b.Property(x => x.EntryKey).HasMaxLength(250);
        b.HasIndex(x => x.EntryKey).IsUnique();               // one live entry per strategy and trade date
        b.HasIndex(x => new { x.StrategyId, x.TradeDate });
        b.Property(x => x.Source).HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TargetStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Ladder).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.LadderKey).HasMaxLength(250);
        b.Property(x => x.TargetKey).HasMaxLength(250);
        b.Property(x => x.TargetBrokerOrderId).HasMaxLength(64);
        b.Property(x => x.Notes).HasMaxLength(1000);
        b.Property(x => x.ExitReason).HasMaxLength(200);
        b.Property(x => x.LastProblem).HasMaxLength(500);
        b.Property(x => x.Legs).AsJson("legs");
        b.Property(x => x.LadderPrices).AsJson("ladder_prices");
        b.HasOne<ScheduledStrategyEntity>().WithMany().HasForeignKey(x => x.StrategyId).OnDelete(DeleteBehavior.Cascade);
    }
}
