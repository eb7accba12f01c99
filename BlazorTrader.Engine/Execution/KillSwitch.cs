using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>Halts every new entry (recorders and accounts) while on; exits still go out. Survives a restart.</summary>
public sealed class KillSwitch : IKillSwitchStatus
{
    internal const string FlagName = "kill-switch";
    private volatile KillSwitchState _state = new(false, null, null);

    public KillSwitchState State => _state;

    public bool IsOn => _state.On;

    internal async Task LoadAsync(TradingDbContext db, CancellationToken ct)
    {
        var flag = await db.EngineFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Name == FlagName, ct);
        _state = new KillSwitchState(flag?.Value ?? false, flag?.Reason, flag?.UpdatedAt);
    }

    /// <summary>Engine loop only.</summary>
    internal async Task<KillSwitchState> SetAsync(TradingDbContext db, bool on, string? reason, DateTime now, CancellationToken ct)
    {
        var flag = await db.EngineFlags.FirstOrDefaultAsync(f => f.Name == FlagName, ct);
        if (flag is null) db.EngineFlags.Add(flag = new EngineFlagEntity { Name = FlagName });
        flag.Value = on;
        flag.Reason = reason;
        flag.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return _state = new KillSwitchState(on, reason, now);
    }
}
