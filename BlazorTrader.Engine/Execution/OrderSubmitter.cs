using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Sends persisted intents to their broker off the engine loop; the answer comes back as
/// <see cref="BrokerSubmissionCompleted"/>. A timeout is reported as unknown (no response), never as a failure
/// to retry: reconciliation by the client reference settles it.
/// Right before the hand-off it confirms that the lead the intent was committed under still holds
/// (<see cref="EngineLeadership.WhyNotLeadingAsync"/>): a leader that was paused and replaced sends nothing, and the
/// intent stays Pending for the new leader's reconciliation, which sends it once (or settles it).
/// </summary>
internal sealed partial class OrderSubmitter(BrokerRegistry brokers, EngineInbox inbox, EngineFence fence, EngineLeadership leadership,
    EngineEventHub events, TimeProvider time, ILogger<OrderSubmitter> log)
{
    internal static readonly TimeSpan SubmitTimeout = ReconcileOrders.SubmitTimeout;

    /// <param name="timeInForce">GTC for orders that must rest while we are down (the calendar's profit target); they may fill outside regular hours.</param>
    public void Submit(OrderIntentEntity intent, IReadOnlyList<ComboLeg>? legs = null, Task? after = null, TimeInForce timeInForce = TimeInForce.Day) =>
        _ = Send(intent, legs, after, timeInForce);

    /// <summary>Sends <paramref name="request"/> for the intent: its own request with what the intent row does not hold (OCA group, time in force, outside hours).</summary>
    public void Submit(OrderIntentEntity intent, PlaceOrderRequest request, Task? after = null) => _ = Send(intent, request, after);

    /// <summary>Sends off the loop (after <paramref name="after"/>, when given); the returned task ends once the broker answered.</summary>
    public Task Send(OrderIntentEntity intent, IReadOnlyList<ComboLeg>? legs = null, Task? after = null, TimeInForce timeInForce = TimeInForce.Day)
    {
        var request = intent.ToRequest(legs);
        if (timeInForce == TimeInForce.Gtc) request = request with { TimeInForce = TimeInForce.Gtc, OutsideRth = true };
        return Send(intent, request, after);
    }

    private Task Send(OrderIntentEntity intent, PlaceOrderRequest request, Task? after)
    {
        var intentId = intent.Id;
        var accountId = intent.AccountId;
        // Taken on the loop, where the intent was committed: the lead that commit was fenced by. Null only where the
        // engine's handlers run without leadership (the engine harness of the tests).
        var lease = fence.Current;
        return Task.Run(async () =>
        {
            if (after is not null) await after.ContinueWith(_ => { }, TaskScheduler.Default);
            if (lease is not null && await leadership.WhyNotLeadingAsync(lease, CancellationToken.None) is { } reason)
            {
                NotSent(log, intentId, lease.Epoch, reason);
                events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Warning,
                    $"Intent {intentId} was not sent: this instance no longer leads ({reason}); the leader's reconciliation takes it"));
                return;
            }
            inbox.Post(await SendAsync(intentId, accountId, request));
        });
    }

    /// <summary>Cancels at the broker off the loop; the broker's report moves the intent, not this call.</summary>
    public Task CancelAsync(long accountId, string clientOrderRef, Task? after = null) => Task.Run(async () =>
    {
        if (after is not null) await after.ContinueWith(_ => { }, TaskScheduler.Default);
        if (!brokers.TryGet(accountId, out var broker)) return;
        using var timeout = new CancellationTokenSource(SubmitTimeout);
        try { await broker.CancelOrderAsync(new CancelOrderRequest(clientOrderRef), timeout.Token); }
        catch (Exception) { /* the broker's order report or the next reconciliation tells what happened */ }
    });

    /// <summary>Changes a working order off the loop; a refusal comes back as <see cref="BrokerModifyRefused"/> (then cancel and replace).</summary>
    public Task ModifyAsync(long accountId, ModifyOrderRequest request, Task? after = null) => Task.Run(async () =>
    {
        if (after is not null) await after.ContinueWith(_ => { }, TaskScheduler.Default);
        if (!brokers.TryGet(accountId, out var broker)) return;
        using var timeout = new CancellationTokenSource(SubmitTimeout);
        PlaceOrderResponse response;
        try { response = await broker.ModifyOrderAsync(request, timeout.Token); }
        catch (Exception ex) { response = PlaceOrderResponse.Reject(request.ClientOrderRef, ex.Message); }
        if (response.Result == PlaceOrderResult.Rejected)
            inbox.Post(new BrokerModifyRefused(accountId, request.ClientOrderRef, response.Reason ?? "refused by the broker"));
    });

    private async Task<BrokerSubmissionCompleted> SendAsync(long intentId, long accountId, PlaceOrderRequest request)
    {
        if (!brokers.TryGet(accountId, out var broker))
            return new BrokerSubmissionCompleted(intentId, PlaceOrderResponse.Reject(request.ClientOrderRef, "the account is disabled or unknown"), null);
        // Where the broker rests protection, an entry's take-profit and stop are the protection keeper's GTC orders in one OCA
        // group, placed once the entry fills (the intent keeps the levels); the entry itself goes alone, whoever sends it.
        if (broker.RestsProtection && request is { Bracket: not null, IsCombo: false }) request = request with { Bracket = null };
        using var timeout = new CancellationTokenSource(SubmitTimeout + broker.SubmissionHoldLimit);
        try
        {
            return new BrokerSubmissionCompleted(intentId, await broker.PlaceOrderAsync(request, timeout.Token), null);
        }
        catch (Exception ex)
        {
            return new BrokerSubmissionCompleted(intentId, null, ex.Message);
        }
    }

    [LoggerMessage(7004, LogLevel.Warning, "Intent {IntentId} was not handed to its broker: the lead under epoch {Epoch} is gone ({Reason})")]
    private static partial void NotSent(ILogger logger, long intentId, long epoch, string reason);
}
