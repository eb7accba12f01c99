using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;

namespace BlazorTrader.Engine.Notifications;

/// <summary>
/// The queue and delivery loop of one notifier. Each notifier has its own lane, so a slow or hanging
/// one only delays (and eventually drops) its own notifications.
/// </summary>
internal sealed class NotifierLane
{
    readonly INotifier _notifier;
    readonly Channel<Notification> _queue;
    readonly ResiliencePipeline _pipeline;
    readonly ILogger _log;
    long _dropped;
    long _delivered;
    long _failed;

    public NotifierLane(INotifier notifier, NotificationOptions options, TimeProvider time, ILogger log)
    {
        _notifier = notifier;
        _log = log;
        Name = notifier.GetType().Name;
        _pipeline = DeliveryPipeline.Create(options, time, log, Name);
        _queue = Channel.CreateBounded<Notification>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    public string Name { get; }
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Never waits: a full queue drops its oldest notification instead.</summary>
    public void Enqueue(Notification n) => _queue.Writer.TryWrite(n);

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var n in _queue.Reader.ReadAllAsync(stop))
                await DeliverAsync(n, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down: what is still queued is lost, as it would be in a crash.
        }
    }

    /// <summary>Delivers with retries; true when the notifier accepted the notification.</summary>
    public async Task<bool> DeliverAsync(Notification n, CancellationToken stop)
    {
        try
        {
            await _pipeline.ExecuteAsync(static (state, ct) => AttemptAsync(state._notifier, state.n, ct), (_notifier, n), stop);
            Interlocked.Increment(ref _delivered);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failed);
            _log.DeliveryFailed(ex, Name, n.Kind, n.Title);
            return false;
        }
    }

    // Stops waiting when the attempt is cancelled even if the notifier ignores its token, so a hanging
    // notifier costs one attempt timeout, not the lane.
    static async ValueTask AttemptAsync(INotifier notifier, Notification n, CancellationToken ct)
    {
        var attempt = notifier.NotifyAsync(n, ct).AsTask();
        try
        {
            await attempt.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (!attempt.IsCompleted)
        {
            _ = attempt.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
