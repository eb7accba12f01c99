using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Supervision;

/// <summary>
/// Runs every <see cref="ISupervisedComponent"/> and restarts a crashed one with exponential backoff
/// (1 s doubling to 60 s, reset after a minute of healthy running), reporting each restart. Whatever a
/// component owns outside its run (the engine's command channel) survives the restart.
/// </summary>
public sealed partial class Supervisor(
    IEnumerable<ISupervisedComponent> components,
    ComponentHealth health,
    NotificationDispatcher notifications,
    TimeProvider time,
    ILogger<Supervisor> log) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(components.Select(c => SuperviseAsync(c, stoppingToken)));

    private async Task SuperviseAsync(ISupervisedComponent component, CancellationToken ct)
    {
        await Task.Yield();   // each component starts off the host's start-up path
        var restarts = 0;
        var backoff = FirstBackoff;
        string? lastError = null;
        while (!ct.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            health.Set(new ComponentStatus(component.Name, ComponentState.Running, restarts, lastError, started));
            try
            {
                await component.RunAsync(ct);
                health.Set(new ComponentStatus(component.Name, ct.IsCancellationRequested ? ComponentState.Stopped : ComponentState.Completed,
                    restarts, lastError, started));
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                health.Set(new ComponentStatus(component.Name, ComponentState.Stopped, restarts, lastError, started));
                return;
            }
            catch (Exception ex)
            {
                if (time.GetUtcNow() - started > HealthyAfter) backoff = FirstBackoff;
                restarts++;
                lastError = ex.Message;
                // Armed before "restarting" is reported: the backoff counts from the crash, not from the report and the log.
                var wait = Task.Delay(backoff, time, ct);
                health.Set(new ComponentStatus(component.Name, ComponentState.Restarting, restarts, lastError, started));
                ComponentCrashed(log, ex, component.Name, backoff.TotalSeconds);
                notifications.Publish(NotificationKind.ComponentRestarted, NotificationSeverity.Warning,
                    $"{component.Name} restarted", $"{component.Name} failed ({ex.Message}); restart #{restarts} in {backoff.TotalSeconds:0} s.");
                try { await wait; }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(3001, LogLevel.Error, "Component {Component} crashed; restarting in {Seconds} s")]
    private static partial void ComponentCrashed(ILogger logger, Exception ex, string component, double seconds);
}
