namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>What the client does with incoming messages before passing them on.</summary>
internal sealed partial class TwsClient
{
    /// <summary>Consumes one connection's messages until its socket closes.</summary>
    private async Task PumpAsync(TwsConnection connection, SessionReadiness readiness)
    {
        await foreach (var message in connection.Incoming.ReadAllAsync())
        {
            if (await HandleAsync(message, readiness))
                _messages.Writer.TryWrite(message);
        }
        readiness.Fail(new TwsConnectException(
            $"TWS closed the connection before the session was ready ({connection.CloseReason}). A client id already in use can look like this."));
        while (_pendingPings.TryDequeue(out var ping))
            ping.TrySetException(new TwsNotConnectedException(TwsConnectionState.Disconnected));
    }

    /// <summary>Updates client state from a message; false if it must not be passed on.</summary>
    private async ValueTask<bool> HandleAsync(TwsMessage message, SessionReadiness readiness)
    {
        switch (message)
        {
            case NextValidIdMessage next:
                await _orderIds.ObserveAsync(next.OrderId);
                readiness.NextValidIdArrived();
                break;
            case ManagedAccountsMessage accounts:
                ManagedAccounts = accounts.Accounts;
                readiness.ManagedAccountsArrived();
                break;
            case CurrentTimeMessage time:
                while (_pendingPings.TryDequeue(out var ping))
                    ping.TrySetResult(time.Time);
                break;
            case TwsErrorMessage error:
                OnError(error, readiness);
                break;
            // Another session of ours may have used ids beyond what TWS reported: never reuse them.
            case OrderStatusMessage status when status.ClientId == _options.ClientId:
                await _orderIds.ObserveAsync(status.OrderId + 1);
                break;
            case OpenOrderMessage order when order.ClientId == _options.ClientId:
                await _orderIds.ObserveAsync(order.OrderId + 1);
                break;
            case UnknownMessage unknown:
                _log.SkippedUnknownMessage(unknown.MessageId, unknown.FieldCount);
                return false;
        }
        return true;
    }

    private void OnError(TwsErrorMessage error, SessionReadiness readiness)
    {
        switch (error.Code)
        {
            case TwsErrorCodes.ClientIdInUse:
                readiness.Fail(new TwsClientIdInUseException(_options.ClientId, error.Text));
                if (State.HasSession())
                    SetState(TwsConnectionState.ClientIdRejected, error.Text);
                break;
            case TwsErrorCodes.ConnectivityLost when State.HasSession():
                SetState(TwsConnectionState.LinkLost, $"1100: {error.Text}");
                break;
            case TwsErrorCodes.ConnectivityRestoredDataLost when State.HasSession():
                SetState(TwsConnectionState.Restored, $"1101 (data lost, resubscribe and reconcile): {error.Text}");
                break;
            case TwsErrorCodes.ConnectivityRestoredDataKept when State.HasSession():
                SetState(TwsConnectionState.Restored, $"1102 (data kept, reconcile): {error.Text}");
                break;
        }
    }

    /// <summary>Ready once both NEXT_VALID_ID and MANAGED_ACCTS arrived, in either order; requests before that may be dropped.</summary>
    private sealed class SessionReadiness
    {
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private bool _nextValidId;
        private bool _managedAccounts;

        public Task Ready => _ready.Task;

        public void NextValidIdArrived()
        {
            lock (_gate)
            {
                _nextValidId = true;
                if (_managedAccounts)
                    _ready.TrySetResult();
            }
        }

        public void ManagedAccountsArrived()
        {
            lock (_gate)
            {
                _managedAccounts = true;
                if (_nextValidId)
                    _ready.TrySetResult();
            }
        }

        public void Fail(Exception reason) => _ready.TrySetException(reason);
    }
}
