using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Cluster;

/// <summary>Publishes this instance as the leader, and tells followers where the leader is.</summary>
public sealed class LeaderDirectory(IDbContextFactory<TradingDbContext> dbFactory, IOptions<ClusterOptions> options, TimeProvider time)
{
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public async Task ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EngineLeader.FirstOrDefaultAsync(ct);
        if (row is null) db.EngineLeader.Add(row = new EngineLeaderEntity { InstanceId = InstanceId });
        row.InstanceId = InstanceId;
        row.Url = options.Value.AdvertisedUrl;
        row.Since = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The leader's URL, unless that is this instance or unknown.</summary>
    public async Task<string?> OtherLeaderUrlAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EngineLeader.AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null || row.InstanceId == InstanceId ? null : row.Url;
    }
}
