using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Sends persisted intents to their broker off the engine loop; the answer comes back as
/// <see cref="BrokerSubmissionCompleted"/>. A timeout is reported as unknown (no response), never as a failure
/// to retry: reconciliation by the client reference settles it.
/// </summary>
internal sealed class OrderSubmitter(BrokerRegistry brokers, EngineInbox inbox)
{
    internal static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(15);

    public void Submit(OrderIntentEntity intent, IReadOnlyList<ComboLeg>? legs = null, Task? after = null) => Submit(intent, intent.ToRequest(legs), after);

    /// <summary>Sends <paramref name="request"/> for the intent: its own request with what the intent row does not hold (OCA group, time in force, outside hours).</summary>
    public void Submit(OrderIntentEntity intent, PlaceOrderRequest request, Task? after = null)
    {
        var intentId = intent.Id;
        var accountId = intent.AccountId;
        _ = Task.Run(async () =>
        {
            if (after is not null) await after.ContinueWith(_ => { }, TaskScheduler.Default);
            inbox.Post(await SendAsync(intentId, accountId, request));
        });
    }

    /// <summary>Cancels at the broker off the loop; the broker's report moves the intent, not this call.</summary>
    public Task CancelAsync(long accountId, string clientOrderRef) => Task.Run(async () =>
    {
        if (!brokers.TryGet(accountId, out var broker)) return;
        using var timeout = new CancellationTokenSource(SubmitTimeout);
        try { await broker.CancelOrderAsync(new CancelOrderRequest(clientOrderRef), timeout.Token); }
        catch (Exception) { /* the broker's order report or the next reconciliation tells what happened */ }
    });

    private async Task<BrokerSubmissionCompleted> SendAsync(long intentId, long accountId, PlaceOrderRequest request)
    {
        if (!brokers.TryGet(accountId, out var broker))
            return new BrokerSubmissionCompleted(intentId, PlaceOrderResponse.Reject(request.ClientOrderRef, "the account is disabled or unknown"), null);
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
}
