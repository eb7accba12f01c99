using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>The one reader of the client's messages: order reports become broker events, connection changes drive
/// the hold gate and the reconciliation that runs on every (re)connect.</summary>
internal sealed partial class InteractiveBrokersBroker
{
    private readonly HashSet<string> _seenExecutions = [];   // reader and reconciliation, under _gate
    private readonly Dictionary<string, decimal> _commissions = [];
    private readonly Dictionary<string, decimal> _realized = [];
    private volatile TwsConnectionState _lastState = TwsConnectionState.Disconnected;
    private TaskCompletionSource? _drained;
    private volatile bool _everReady;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, OrderStatusMessage> _lastStatus = new();
    /// <summary>IB's own reason for a rejected order (error 201 and the like), kept for the Inactive status that follows.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _rejections = new();
    /// <summary>Orders with a modify on its way, and when it was sent: an error for one of them soon after is a refused
    /// modify (10326 and the like). A status is no answer to the modify: one already on its way (the order's earlier
    /// Submitted) can arrive between the modify and its refusal.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, DateTimeOffset> _modifying = new();
    private static readonly TimeSpan ModifyAnswerWindow = TimeSpan.FromSeconds(30);

    private async Task ReadAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var message in _client.Messages.ReadAllAsync(stop))
            {
                try { OnMessage(message); }
                catch (Exception ex) { _log.LogError(ex, "IB account {AccountId}: could not handle {Message}", AccountId, message.GetType().Name); }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void OnMessage(TwsMessage message)
    {
        switch (message)
        {
            case ConnectionStateChanged change: OnStateChanged(change); break;
            case OpenOrderMessage open when open.OrderRef.Length > 0 && open.ClientId == _client.ClientId:
                _orders.TryAdd(open.OrderId, new PlacedOrder(open.OrderRef, _contracts.ToSymbol(open.Contract), open.TotalQuantity,
                    open.Action == "BUY" ? TwsAction.Buy : TwsAction.Sell));
                _idsByRef.TryAdd(open.OrderRef, open.OrderId);
                break;
            case OrderStatusMessage status:
                _lastStatus[status.OrderId] = status;
                if (status.Status is "Filled" or "Cancelled" or "ApiCancelled" or "Inactive") _modifying.TryRemove(status.OrderId, out _);
                if (_orders.TryGetValue(status.OrderId, out var placed)) Emit(StatusReport(placed, status));
                break;
            case ExecutionDataMessage { RequestId: -1 } live: OnExecution(live, stillOpen: null); break;
            case CommissionReportMessage commission:
                lock (_gate)
                {
                    if (commission.Commission is { } c) _commissions[commission.ExecId] = c;
                    if (commission.RealizedPnl is { } pnl) _realized[commission.ExecId] = pnl;
                }
                break;
            case TwsErrorMessage { Kind: TwsErrorKind.Error } error when _orders.TryGetValue(error.Id, out var failed)
                && error.Code is not (TwsErrorCodes.OrderCancelled or TwsErrorCodes.CancelOrderNotFound or TwsErrorCodes.CancelOrderNotCancellable):
                var why = $"IB error {error.Code}: {error.Text}";
                // A refused modify leaves the order working as it was: not a rejection of the order.
                if (_modifying.TryRemove(error.Id, out var modifiedAt) && _time.GetUtcNow() - modifiedAt < ModifyAnswerWindow)
                {
                    Emit(new OrderModifyRefused(AccountId, _time.GetUtcNow(), failed.OrderRef, why));
                    break;
                }
                _rejections[error.Id] = why;
                Emit(new OrderStatusReported(AccountId, _time.GetUtcNow(), failed.OrderRef, Id(error.Id), BrokerOrderStatus.Rejected, 0, null, why));
                break;
        }
        FeedLines(message);
        SettleCancels(message);
        _replies.Feed(message);
    }

    private OrderStatusReported StatusReport(PlacedOrder placed, OrderStatusMessage s)
    {
        var status = s.Status switch
        {
            "Filled" => BrokerOrderStatus.Filled,
            "Cancelled" or "ApiCancelled" => BrokerOrderStatus.Cancelled,
            "Inactive" => BrokerOrderStatus.Rejected,
            _ => s.Filled > 0 ? BrokerOrderStatus.PartiallyFilled : BrokerOrderStatus.Working,
        };
        return new(AccountId, _time.GetUtcNow(), placed.OrderRef, Id(s.OrderId), status, s.Filled, s.Filled > 0 ? s.AverageFillPrice : null,
            status == BrokerOrderStatus.Rejected
                ? _rejections.TryGetValue(s.OrderId, out var why) ? why : $"IB made the order inactive{(s.WhyHeld.Length > 0 ? $": {s.WhyHeld}" : "")}"
                : null);
    }

    /// <summary>Each fill once (by execution id), also as a cumulative status: a quick fill may come without ORDER_STATUS.</summary>
    /// <param name="stillOpen">During reconciliation: whether IB still lists the order as open (null for live fills).</param>
    private bool OnExecution(ExecutionDataMessage e, bool? stillOpen)
    {
        lock (_gate)
            if (!_seenExecutions.Add(e.ExecId)) return false;
        if (e.OrderRef.Length == 0) return false;   // not ours (manual or another platform)
        _orders.TryGetValue(e.OrderId, out var placed);
        var action = e.Side == "BOT" ? OrderAction.Buy : OrderAction.Sell;
        Emit(new ExecutionReported(AccountId, _time.GetUtcNow(), ToExecution(e, SymbolOf(e), action)));
        // A combo's leg fills say nothing about the combo's own quantity: its ORDER_STATUS (and leg bookings) do.
        if (placed?.IsCombo == true || e.Contract.SecType == "BAG") return true;
        var done = stillOpen is { } open ? !open : placed is not null && e.CumulativeQuantity >= placed.Quantity;
        Emit(new OrderStatusReported(AccountId, _time.GetUtcNow(), e.OrderRef, Id(e.OrderId),
            done ? BrokerOrderStatus.Filled : BrokerOrderStatus.PartiallyFilled, e.CumulativeQuantity, e.AveragePrice));
        return true;
    }

    private BrokerExecution ToExecution(ExecutionDataMessage e, string symbol, OrderAction action)
    {
        decimal? commission;
        lock (_gate) commission = _commissions.TryGetValue(e.ExecId, out var c) ? c : null;
        return new BrokerExecution(e.ExecId, e.OrderRef, Id(e.OrderId), symbol, action, e.Shares, e.Price, ParseTime(e.Time), commission);
    }

    /// <summary>TWS writes "yyyyMMdd  HH:mm:ss" in its own local time, or with a zone name; the zone is not reliable here,
    /// so the time is kept as written (executions only reach back to midnight anyway).</summary>
    private DateTime ParseTime(string text)
    {
        var head = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
        return DateTime.TryParseExact(head, "yyyyMMdd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : _time.GetUtcNow().UtcDateTime;
    }

    private void OnStateChanged(ConnectionStateChanged change)
    {
        var previous = _lastState;
        _lastState = change.State;
        switch (change.State)
        {
            case TwsConnectionState.Connected when previous == TwsConnectionState.Restored:
                Open(change.Reason);   // reconciled already (Restored -> MarkReconciled -> Connected)
                break;
            case TwsConnectionState.Connected:
            case TwsConnectionState.Restored:
                Close(BrokerConnectionState.Connecting, change.State == TwsConnectionState.Restored ? $"IB link restored, reconciling ({change.Reason})" : "connected, reconciling");
                _ = ReconcileAndOpenAsync(change.State == TwsConnectionState.Restored);
                break;
            case TwsConnectionState.LinkLost:
                Close(BrokerConnectionState.Disconnected, $"TWS lost its link to IB (1100); orders held: {change.Reason}");
                break;
            case TwsConnectionState.ClientIdRejected:
                Close(BrokerConnectionState.Disconnected, $"client id {_settings.ClientId} is already in use (326): choose another clientId for this account");
                break;
            case TwsConnectionState.Connecting:
                Close(BrokerConnectionState.Connecting, change.Reason);
                break;
            default:
                Close(BrokerConnectionState.Disconnected, change.Reason);
                _replies.FailAll();
                break;
        }
    }

    /// <summary>Reference §7 order: open orders, executions since midnight with commissions, positions. Only then are held
    /// orders released; the engine's reconciler then compares its book with IB's positions and reports differences.</summary>
    private async Task ReconcileAndOpenAsync(bool restored)
    {
        try
        {
            var open = await RequestOpenOrdersAsync(_lifetime.Token);
            var openIds = open.Select(o => o.OrderId).ToHashSet();
            var (executions, _) = await RequestExecutionsAsync(_lifetime.Token);
            var recovered = executions.Count(e => OnExecution(e, stillOpen: openIds.Contains(e.OrderId)));
            var positions = await RequestPositionsAsync(_lifetime.Token);
            var summary = $"reconciled: {open.Count} open order(s), {executions.Count} execution(s) today ({recovered} new), {positions.Count} position(s)";
            _log.LogInformation("IB account {AccountId}: {Summary}", AccountId, summary);
            if (restored) _client.MarkReconciled();   // Connected follows and opens the gate
            else Open(summary);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_lifetime.IsCancellationRequested)
        {
            // The session dropped mid-way: the next connect reconciles again; orders stay held meanwhile.
            _log.LogWarning(ex, "IB account {AccountId}: reconciliation after connect failed", AccountId);
            ConnectionDetail = $"reconciliation failed ({ex.Message}); orders held";
        }
    }

    private void Open(string reason)
    {
        Task drained;
        lock (_gate)
        {
            ConnectionDetail = reason;
            ConnectionState = BrokerConnectionState.Connected;
            _everReady = true;
            _accepting.TrySetResult();
            drained = _held.IsEmpty ? Task.CompletedTask : (_drained = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        _ = AnnounceAsync(drained, reason);
    }

    /// <summary>Says "connected" (and so starts the engine's reconciliation) only once the held orders are on the wire,
    /// so that reconciliation finds them at IB instead of cancelling their intents as never sent.</summary>
    private async Task AnnounceAsync(Task drained, string reason)
    {
        await drained.WaitAsync(ReplyTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Emit(new ConnectionChanged(AccountId, _time.GetUtcNow(), BrokerConnectionState.Connected, reason));
    }

    private void HeldOrderDone(string orderRef)
    {
        lock (_gate)
            if (_held.TryRemove(orderRef, out _) && _held.IsEmpty) _drained?.TrySetResult();
    }

    private void Close(BrokerConnectionState state, string reason)
    {
        lock (_gate)
        {
            ConnectionDetail = reason;
            ConnectionState = state;
            if (_accepting.Task.IsCompleted) _accepting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        Emit(new ConnectionChanged(AccountId, _time.GetUtcNow(), state, reason));
    }

    private static string Id(int orderId) => orderId.ToString(CultureInfo.InvariantCulture);
}
