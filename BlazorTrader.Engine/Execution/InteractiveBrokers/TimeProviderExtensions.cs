namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

internal static class TimeProviderExtensions
{
    /// <summary>
    /// Like <c>Task.Delay(delay, time, ct)</c>, but also completes if the clock passed the due time while the timer was
    /// being created. With a manually advanced clock that window would otherwise leave the wait stuck.
    /// </summary>
    public static async Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay < TimeSpan.Zero)
            delay = TimeSpan.Zero;
        var due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var timer = time.CreateTimer(_ => done.TrySetResult(), null, delay, Timeout.InfiniteTimeSpan);
        if (time.GetTimestamp() >= due)
            done.TrySetResult();
        await using var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        await done.Task;
    }
}
