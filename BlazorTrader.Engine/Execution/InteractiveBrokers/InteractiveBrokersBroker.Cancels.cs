using System.Collections.Concurrent;
using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// A cancel is answered with what TWS said about it: accepted once the order reports Cancelled (or error 202), refused with
/// IB's words on 10147 (not found) or 10148 (cannot be cancelled, e.g. filled), or when TWS says nothing in time. Callers that
/// must not go on while the order may still work (the calendar's close after cancelling its target) rely on that.
/// </summary>
internal sealed partial class InteractiveBrokersBroker
{
    /// <summary>Real time: the engine's clock may be a test's and stand still.</summary>
    private static readonly TimeSpan CancelConfirmWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, TaskCompletionSource<(bool Accepted, string? Reason)>> _cancels = new();

    private async Task<CancelOrderResponse> CancelConfirmedAsync(int orderId, string orderRef, CancellationToken ct)
    {
        var answer = _cancels.GetOrAdd(orderId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            // Cancelling a bracket's parent cancels its children at IB.
            _client.CancelOrder(orderId);
            var (accepted, reason) = await answer.Task.WaitAsync(CancelConfirmWait, TimeProvider.System, ct);
            return new CancelOrderResponse(accepted, orderRef, reason);
        }
        catch (TwsNotConnectedException ex) { return new CancelOrderResponse(false, orderRef, ex.Message); }
        catch (TimeoutException) { return new CancelOrderResponse(false, orderRef, $"IB did not confirm the cancel within {CancelConfirmWait.TotalSeconds:0} s"); }
        finally { _cancels.TryRemove(new KeyValuePair<int, TaskCompletionSource<(bool, string?)>>(orderId, answer)); }
    }

    /// <summary>Called by the reader for every message: settles a cancel waiting for TWS's word.</summary>
    private void SettleCancels(TwsMessage message)
    {
        switch (message)
        {
            case OrderStatusMessage { Status: "Cancelled" or "ApiCancelled" } s when _cancels.TryGetValue(s.OrderId, out var c):
                c.TrySetResult((true, null));
                break;
            case OrderStatusMessage { Status: "Filled" } s when _cancels.TryGetValue(s.OrderId, out var c):
                c.TrySetResult((false, "IB filled the order before the cancel"));
                break;
            case TwsErrorMessage { Code: TwsErrorCodes.OrderCancelled } e when _cancels.TryGetValue(e.Id, out var c):
                c.TrySetResult((true, null));
                break;
            case TwsErrorMessage { Code: TwsErrorCodes.CancelOrderNotFound or TwsErrorCodes.CancelOrderNotCancellable } e when _cancels.TryGetValue(e.Id, out var c):
                c.TrySetResult((false, $"IB error {e.Code}: {e.Text}"));
                break;
        }
    }
}
