using BlazorTrader.Engine.Commands;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Scheduling.Jobs;

/// <summary>
/// Daily reconciliation of orders and positions with every broker. The engine's <c>Reconciler</c> reports each difference
/// to the audit log (category reconciliation), the engine log and a ReconciliationDifference notification.
/// </summary>
public sealed class ReconciliationJob(ITradingEngine engine, ILogger<ReconciliationJob> log)
{
    public async Task RunAsync()
    {
        // Younger intents may still be on their way to the broker: leave them to the next run.
        var outcome = await engine.SendAsync(ReconcileOrders.Scheduled(), TimeSpan.FromMinutes(2));
        log.Reconciled(outcome.IntentsChecked, outcome.IntentsChanged);
    }
}
