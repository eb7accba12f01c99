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

    public void Submit(OrderIntentEntity intent, IReadOnlyList<ComboLeg>? legs = null, Task? after = null) => _ = Send(intent, legs, after);

    /// <summary>Sends off the loop (after <paramref name="after"/>, when given); the returned task ends once the broker answered.</summary>
    public Task Send(OrderIntentEntity intent, IReadOnlyList<ComboLeg>? legs = null, Task? after = null)
    {
        var request = intent.ToRequest(legs);
        var intentId = intent.Id;
        var accountId = intent.AccountId;
        return Task.Run(async () =>
        {
            if (after is not null) await after.ContinueWith(_ => { }, TaskScheduler.Default);
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
