using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Hosting;

namespace BlazorTrader.Engine.Instruments;

/// <summary>
/// Looks for due rolls at start and every 15 minutes; warns once per position and trading day left, in the live log and as
/// a notification (the Control Center's banner reads <see cref="RollWatch"/> itself).
/// </summary>
public sealed class RollWarnings(RollWatch watch, EngineEventHub events, NotificationDispatcher notifications, TimeProvider time) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private readonly HashSet<string> _warned = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            // A warning is advice: whatever goes wrong here must not stop the host (a BackgroundService's exception does).
            try { WarnDue(); }
            catch (Exception ex) { events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"Roll check failed: {ex.Message}")); }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Warns about what is due and was not warned about today; returns how many warnings went out.</summary>
    public int WarnDue()
    {
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var roll in watch.Due(now))
        {
            if (!_warned.Add($"{roll.Plan.IdempotencyKey}:{roll.Plan.TradingDaysLeft}")) continue;   // once per trading day left
            events.Publish(new LogEntry(now, EngineLogLevel.Warning, $"Position {roll.PositionId} {roll.Ticker}: {roll.Plan.Message}", roll.RecorderId));
            notifications.Publish(NotificationKind.RollDue, NotificationSeverity.Warning, $"Roll {roll.Plan.From.DatedSymbol}", roll.Plan.Message);
            sent++;
        }
        return sent;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
