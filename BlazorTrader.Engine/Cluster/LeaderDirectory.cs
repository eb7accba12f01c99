using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Cluster;

/// <summary>Publishes this instance as the leader, and tells followers where the leader is.</summary>
public sealed class LeaderDirectory(IDbContextFactory<TradingDbContext> dbFactory, IOptions<ClusterOptions> options, TimeProvider time)
{
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Takes the leader row and increments its epoch in one transaction; returns the new epoch. On PostgreSQL the update
    /// waits for an old leader's fenced commit that holds the row FOR SHARE, so that commit is ordered before this claim
    /// (and before this leader loads state), and every later commit of the old leader sees the new epoch and fails.
    /// </summary>
    public async Task<long> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.EngineLeader.FirstOrDefaultAsync(ct);
        if (row is null) db.EngineLeader.Add(row = new EngineLeaderEntity { InstanceId = InstanceId });
        row.InstanceId = InstanceId;
        row.Url = options.Value.AdvertisedUrl;
        row.Since = time.GetUtcNow().UtcDateTime;
        row.Epoch++;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return row.Epoch;
    }

    /// <summary>The epoch stored now: the newest lead claimed by any instance (null before the first claim).</summary>
    public async Task<long?> StoredEpochAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EngineLeader.AsNoTracking().Select(r => (long?)r.Epoch).FirstOrDefaultAsync(ct);
    }

    /// <summary>The leader's URL, unless that is this instance or unknown.</summary>
    public async Task<string?> OtherLeaderUrlAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EngineLeader.AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null || row.InstanceId == InstanceId ? null : row.Url;
    }
}
