using BlazorTrader.Engine.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Components.Shared;

/// <summary>
/// A component that follows the engine live (docs/design.md): it subscribes to <see cref="EngineEventHub"/>
/// after the first interactive render (never during prerender), only flags itself dirty on the engine's
/// thread, and re-renders at most every <see cref="RenderInterval"/> from a <see cref="PeriodicTimer"/>
/// on the injected <see cref="TimeProvider"/>. It unsubscribes in <see cref="Dispose()"/>.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    /// <summary>At most four renders a second per component, however fast the engine publishes.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private IDisposable? _subscription;
    private PeriodicTimer? _timer;
    private int _dirty;

    [Inject] protected EngineEventHub Hub { get; set; } = default!;

    [Inject] protected TimeProvider Time { get; set; } = default!;

    [Inject] private ILogger<LiveComponentBase> Log { get; set; } = default!;

    /// <summary>Runs on the engine's thread: must be O(1), never await, never throw. True marks the component dirty.</summary>
    protected virtual bool Accepts(EngineEvent e) => true;

    /// <summary>Runs on the renderer before the throttled render; reload what the events changed (snapshots, or a query per burst).</summary>
    protected virtual Task RefreshAsync() => Task.CompletedTask;

    /// <summary>Refresh every N throttle ticks even without events (e.g. a feed's last-tick age); 0 = only on events.</summary>
    protected virtual int HeartbeatTicks => 0;

    /// <summary>Asks for a refresh at the next throttle tick (e.g. after a filter changed).</summary>
    protected void MarkDirty() => Volatile.Write(ref _dirty, 1);

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Hub.Subscribe(e =>
        {
            if (Accepts(e)) Volatile.Write(ref _dirty, 1);
        });
        MarkDirty();   // whatever happened between the first load and the subscription
        _timer = new PeriodicTimer(RenderInterval, Time);
        _ = PumpAsync(_timer);
    }

    private async Task PumpAsync(PeriodicTimer timer)
    {
        try
        {
            var ticks = 0;
            while (await timer.WaitForNextTickAsync())
            {
                var heartbeat = HeartbeatTicks > 0 && ++ticks % HeartbeatTicks == 0;
                if (Interlocked.Exchange(ref _dirty, 0) == 1 || heartbeat)
                {
                    await InvokeAsync(RefreshAndRenderAsync);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // the circuit went away between two ticks
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    // A failed refresh (say, the database briefly locked) keeps the last data on screen and tries again on the next event,
    // instead of ending the circuit.
    private async Task RefreshAndRenderAsync()
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RefreshFailed(Log, ex, GetType().Name);
        }
        StateHasChanged();
    }

    private static void RefreshFailed(ILogger logger, Exception ex, string component) =>
        logger.LogWarning(ex, "Live refresh of {Component} failed; showing the last data", component);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        _subscription?.Dispose();
        _timer?.Dispose();
    }
}
