using BlazorTrader.Engine.Commands;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>
/// Every 15 minutes: the engine compares each open account position with the protective orders resting at its broker
/// (missing placed, orphans cancelled, differences corrected), each action logged, audited (category protection) and notified.
/// </summary>
public sealed class ProtectionCheckJob(ITradingEngine engine, ILogger<ProtectionCheckJob> log)
{
    public async Task RunAsync()
    {
        var outcome = await engine.SendAsync(new CheckProtection(), TimeSpan.FromMinutes(2));
        log.ProtectionChecked(outcome.PositionsChecked, outcome.Placed, outcome.Modified, outcome.Cancelled);
    }
}
