namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>
/// The same as the IB adapter's helper (kept here so no adapter depends on another's folder): like
/// <c>Task.Delay(delay, time, ct)</c>, but also done if a manually advanced clock passed the due time while the timer was made.
/// </summary>
internal static class TradovateClock
{
    public static async Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken ct)
    {
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        var due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var timer = time.CreateTimer(_ => done.TrySetResult(), null, delay, Timeout.InfiniteTimeSpan);
        if (time.GetTimestamp() >= due) done.TrySetResult();
        await using var registration = ct.Register(() => done.TrySetCanceled(ct));
        await done.Task;
    }
}
