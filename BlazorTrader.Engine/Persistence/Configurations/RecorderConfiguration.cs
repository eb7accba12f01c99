using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorTrader.Engine.Persistence.Configurations;

internal sealed class RecorderConfiguration : IEntityTypeConfiguration<RecorderEntity>
{
    public void Configure(EntityTypeBuilder<RecorderEntity> b)
    {
        b.ToTable("recorders");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.TpUnits).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.SlUnits).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.SameSideSignal).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.WebhookTokenHash).HasMaxLength(64);
        b.HasIndex(x => x.WebhookTokenHash).IsUnique();
        b.Property(x => x.TpTargets).AsJson("tp_targets");
        b.Property(x => x.Accounts).AsJson("accounts");
        b.HasMany<SignalEntity>().WithOne().HasForeignKey(s => s.RecorderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<PositionEntity>().WithOne().HasForeignKey(p => p.RecorderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<TradeEntity>().WithOne().HasForeignKey(t => t.RecorderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<PnlHistoryEntity>().WithOne().HasForeignKey(h => h.RecorderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignalConfiguration : IEntityTypeConfiguration<SignalEntity>
{
    public void Configure(EntityTypeBuilder<SignalEntity> b)
    {
        b.ToTable("signals");
        b.HasIndex(x => x.IdempotencyKey).IsUnique();   // the guard against a duplicate signal
        b.HasIndex(x => new { x.RecorderId, x.PayloadHash });
        b.HasIndex(x => new { x.RecorderId, x.ReceivedAt });
        // A recorder's signals newest first (its page, the API): a seek, whatever the history, instead of sorting every signal.
        b.HasIndex(x => new { x.RecorderId, x.Id });
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.Property(x => x.PayloadHash).HasMaxLength(64);
        b.Property(x => x.Dialect).HasMaxLength(20);
        b.Property(x => x.Action).HasMaxLength(20);
        b.Property(x => x.Ticker).HasMaxLength(40);
        b.Property(x => x.Status).HasMaxLength(20);
        b.Property(x => x.QuantityType).HasMaxLength(24);
        b.Property(x => x.OrderType).HasMaxLength(12);
    }
}

internal sealed class PositionConfiguration : IEntityTypeConfiguration<PositionEntity>
{
    public void Configure(EntityTypeBuilder<PositionEntity> b)
    {
        b.ToTable("positions");
        b.Property(x => x.Ticker).HasMaxLength(40);
        b.Property(x => x.Side).HasMaxLength(8);
        b.Property(x => x.Status).HasMaxLength(8);
        // At most one open position per recorder and ticker, whatever the code above does.
        b.HasIndex(x => new { x.RecorderId, x.Ticker }).IsUnique().HasFilter("\"Status\" = 'open'");
        b.HasIndex(x => x.Status);
        b.HasMany(x => x.Trades).WithOne().HasForeignKey(t => t.PositionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TradeConfiguration : IEntityTypeConfiguration<TradeEntity>
{
    public void Configure(EntityTypeBuilder<TradeEntity> b)
    {
        b.ToTable("trades");
        b.Property(x => x.Ticker).HasMaxLength(40);
        b.Property(x => x.Side).HasMaxLength(8);
        b.Property(x => x.Status).HasMaxLength(8);
        b.Property(x => x.ExitReason).HasMaxLength(1000);
        b.Property(x => x.SlKind).HasMaxLength(20);
        b.Property(x => x.DecisionDataMode).HasMaxLength(20);
        b.Property(x => x.TpTargets).AsJson("tp_targets");
        b.HasIndex(x => new { x.RecorderId, x.OpenedAt });
        b.HasIndex(x => x.Status);
    }
}

internal sealed class PnlHistoryConfiguration : IEntityTypeConfiguration<PnlHistoryEntity>
{
    public void Configure(EntityTypeBuilder<PnlHistoryEntity> b)
    {
        b.ToTable("pnl_history");
        b.HasIndex(x => new { x.RecorderId, x.At });
    }
}

internal sealed class EngineLeaderConfiguration : IEntityTypeConfiguration<EngineLeaderEntity>
{
    public void Configure(EntityTypeBuilder<EngineLeaderEntity> b)
    {
        b.ToTable("engine_leader");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.InstanceId).HasMaxLength(64);
        b.Property(x => x.Url).HasMaxLength(300);
    }
}

internal sealed class AuditLogConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public void Configure(EntityTypeBuilder<AuditLogEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(x => x.Category).HasMaxLength(40);
        b.HasIndex(x => x.At);
    }
}

internal sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> b)
    {
        b.ToTable("app_secrets");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(40);
        b.Property(x => x.Hash).HasMaxLength(128);
    }
}
