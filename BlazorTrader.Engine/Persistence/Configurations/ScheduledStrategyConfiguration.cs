using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorTrader.Engine.Persistence.Configurations;

internal sealed class ScheduledStrategyConfiguration : IEntityTypeConfiguration<ScheduledStrategyEntity>
{
    public void Configure(EntityTypeBuilder<ScheduledStrategyEntity> b)
    {
        b.ToTable("scheduled_strategies");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Ticker).HasMaxLength(40);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Side).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Sizing).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ExitUnits).HasConversion<string>().HasMaxLength(12);
        b.HasOne<AccountEntity>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
