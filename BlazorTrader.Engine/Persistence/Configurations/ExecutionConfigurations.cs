using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorTrader.Engine.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<AccountEntity>
{
    public void Configure(EntityTypeBuilder<AccountEntity> b)
    {
        b.ToTable("accounts");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Broker).HasConversion<string>().HasMaxLength(24);
        b.OwnsOne(x => x.Limits, l => l.ToJson("limits"));
    }
}

internal sealed class OrderIntentConfiguration : IEntityTypeConfiguration<OrderIntentEntity>
{
    public void Configure(EntityTypeBuilder<OrderIntentEntity> b)
    {
        b.ToTable("order_intents");
        b.HasIndex(x => x.IdempotencyKey).IsUnique();        // the guard against a duplicate order
        b.Property(x => x.IdempotencyKey).HasMaxLength(250);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Source).HasMaxLength(16);
        b.Property(x => x.Ticker).HasMaxLength(40);
        b.Property(x => x.ContractMonth).HasMaxLength(6);
        b.Property(x => x.BrokerOrderId).HasMaxLength(64);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasIndex(x => new { x.AccountId, x.CreatedAt });
        b.HasIndex(x => x.Status);
        // The account's orders still working in a symbol (the position it is heading to), read per copied order: a seek, whatever the history.
        b.HasIndex(x => new { x.AccountId, x.Ticker, x.Status });
        b.HasIndex(x => x.SignalId);   // a page of signals shows the intents each fanned out to
        b.OwnsMany(x => x.Legs, l => l.ToJson("legs"));
        b.HasOne<AccountEntity>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountPositionConfiguration : IEntityTypeConfiguration<AccountPositionEntity>
{
    public void Configure(EntityTypeBuilder<AccountPositionEntity> b)
    {
        b.ToTable("account_positions");
        b.Property(x => x.Symbol).HasMaxLength(40);
        b.Property(x => x.ContractMonth).HasMaxLength(6);
        b.HasIndex(x => new { x.AccountId, x.Symbol }).IsUnique();
        b.HasOne<AccountEntity>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecorderLimitsConfiguration : IEntityTypeConfiguration<RecorderLimitsEntity>
{
    public void Configure(EntityTypeBuilder<RecorderLimitsEntity> b)
    {
        b.ToTable("recorder_limits");
        b.HasKey(x => x.RecorderId);
        b.HasOne<RecorderEntity>().WithOne().HasForeignKey<RecorderLimitsEntity>(x => x.RecorderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EngineFlagConfiguration : IEntityTypeConfiguration<EngineFlagEntity>
{
    public void Configure(EntityTypeBuilder<EngineFlagEntity> b)
    {
        b.ToTable("engine_flags");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Reason).HasMaxLength(500);
    }
}

internal sealed class PaperAccountConfiguration : IEntityTypeConfiguration<PaperAccountEntity>
{
    public void Configure(EntityTypeBuilder<PaperAccountEntity> b)
    {
        b.ToTable("paper_accounts");
        b.HasKey(x => x.AccountId);
        b.HasOne<AccountEntity>().WithOne().HasForeignKey<PaperAccountEntity>(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaperOrderConfiguration : IEntityTypeConfiguration<PaperOrderEntity>
{
    public void Configure(EntityTypeBuilder<PaperOrderEntity> b)
    {
        b.ToTable("paper_orders");
        b.HasIndex(x => new { x.AccountId, x.ClientOrderRef }).IsUnique();   // the venue accepts one order per reference
        b.HasIndex(x => new { x.AccountId, x.Status });
        b.HasIndex(x => x.ParentId);   // a fill releases its bracket children: without it, every fill scans the venue's history
        b.Property(x => x.ClientOrderRef).HasMaxLength(260);
        b.Property(x => x.Symbol).HasMaxLength(40);
        b.Property(x => x.OcoGroup).HasMaxLength(260);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(12);
        b.OwnsMany(x => x.Legs, l => l.ToJson("legs"));
        b.HasOne<AccountEntity>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaperExecutionConfiguration : IEntityTypeConfiguration<PaperExecutionEntity>
{
    public void Configure(EntityTypeBuilder<PaperExecutionEntity> b)
    {
        b.ToTable("paper_executions");
        b.Property(x => x.ClientOrderRef).HasMaxLength(260);
        b.Property(x => x.Symbol).HasMaxLength(40);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(8);
        b.HasIndex(x => new { x.AccountId, x.At });
        b.HasOne<AccountEntity>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaperPositionConfiguration : IEntityTypeConfiguration<PaperPositionEntity>
{
    public void Configure(EntityTypeBuilder<PaperPositionEntity> b)
    {
        b.ToTable("paper_positions");
        b.Property(x => x.Symbol).HasMaxLength(40);
        b.HasIndex(x => new { x.AccountId, x.Symbol }).IsUnique();
        b.HasOne<AccountEntity>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
