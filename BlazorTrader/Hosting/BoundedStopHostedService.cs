namespace BlazorTrader.Hosting;

/// <summary>
/// Wraps a hosted service whose stop may outlast the host's patience (Hangfire's server waits for running jobs): the stop
/// gets its own deadline, and running past it is logged instead of ending the process with an unhandled
/// <see cref="OperationCanceledException"/>. Every job is keyed, so one abandoned at shutdown is harmless to run again.
/// </summary>
public sealed partial class BoundedStopHostedService(IHostedService inner, TimeSpan stopDeadline, TimeProvider time, ILogger<BoundedStopHostedService> log)
    : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(stopDeadline, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await inner.StopAsync(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            StopTimedOut(log, inner.GetType().Name, stopDeadline.TotalSeconds);
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    [LoggerMessage(9001, LogLevel.Warning, "{Service} did not stop within {Seconds} s; the work still running is abandoned (a keyed job is harmless to rerun)")]
    private static partial void StopTimedOut(ILogger logger, string service, double seconds);
}
