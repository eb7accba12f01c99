using BlazorTrader.Engine.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Components.Shared;

/// <summary>
/// A component that follows the engine live (docs/design.md): it subscribes to <see cref="EngineEventHub"/>
/// after the first interactive render (never during prerender), only flags itself dirty on the engine's
/// thread, and renders at most once per <see cref="RenderInterval"/> of a <see cref="PeriodicTimer"/> on the injected
/// <see cref="TimeProvider"/>: the first change after an interval without a render shows at once (a webhook on a quiet
/// screen), the changes after it at the next tick. It unsubscribes in <see cref="Dispose()"/>.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    /// <summary>At most four renders a second per component, however fast the engine publishes.</summary>
    public static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(250);

    private IDisposable? _subscription;
    private PeriodicTimer? _timer;
    private readonly SemaphoreSlim _wake = new(0, 1);
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

    /// <summary>Asks for a refresh (e.g. after a filter changed): at once when nothing rendered since the last tick, else at the next one.</summary>
    protected void MarkDirty()
    {
        Volatile.Write(ref _dirty, 1);
        Wake();
    }

    // Runs on the engine's thread too: never blocks; the pump's wait continues on the thread pool.
    private void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* another event woke it first */ }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Hub.Subscribe(e =>
        {
            if (Accepts(e)) MarkDirty();
        });
        Volatile.Write(ref _dirty, 1);   // whatever happened between the first load and the subscription, at the first tick
        _timer = new PeriodicTimer(RenderInterval, Time);
        _ = PumpAsync(_timer);
    }

    private async Task PumpAsync(PeriodicTimer timer)
    {
        try
        {
            var ticks = 0;
            var renderedThisInterval = true;   // the first render just happened
            Task<bool>? tick = null;
            Task? woken = null;
            while (true)
            {
                tick ??= timer.WaitForNextTickAsync().AsTask();
                woken ??= _wake.WaitAsync();
                await Task.WhenAny(tick, woken);
                if (tick.IsCompleted)
                {
                    if (!await tick) return;   // disposed
                    tick = null;
                    var heartbeat = HeartbeatTicks > 0 && ++ticks % HeartbeatTicks == 0;
                    // A heartbeat's render (an age on screen) does not hold back the next event's.
                    renderedThisInterval = Interlocked.Exchange(ref _dirty, 0) == 1;
                    if (renderedThisInterval || heartbeat) await InvokeAsync(RefreshAndRenderAsync);
                }
                else
                {
                    woken = null;
                    // An event: at once when nothing rendered since the last tick, else the next tick shows it.
                    if (!renderedThisInterval && Interlocked.Exchange(ref _dirty, 0) == 1)
                    {
                        renderedThisInterval = true;
                        await InvokeAsync(RefreshAndRenderAsync);
                    }
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
        _timer?.Dispose();   // ends the pump at its next wait; the wake semaphore goes with the component
    }
}
