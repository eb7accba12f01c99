namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>The requests a caller can make. Answers arrive on <see cref="TwsClient.Messages"/>, keyed by order id or request id.</summary>
internal sealed partial class TwsClient
{
    // Request ids live far above order ids: ERR_MSG carries either in the same field.
    private int _lastRequestId = 1 << 30;

    /// <summary>Allocates an order id (durably, before anything is sent) and places the order.
    /// Status, fills and commissions follow as ORDER_STATUS, EXECUTION_DATA and COMMISSION_REPORT for that id.</summary>
    /// <exception cref="TwsNotConnectedException">No session, or TWS lost its link to IB (1100): no new orders then.</exception>
    /// <param name="allocated">Called with the id before the order is sent, so its first report can be matched.</param>
    public async Task<int> PlaceOrderAsync(TwsContract contract, TwsOrder order, CancellationToken cancellationToken = default,
        Action<int>? allocated = null)
    {
        var connection = ConnectionForNewOrders();
        var orderId = await _orderIds.AllocateAsync(1, cancellationToken);
        allocated?.Invoke(orderId);
        connection.Send(TwsPlaceOrderEncoder.Encode(orderId, contract, order));
        return orderId;
    }

    /// <summary>Places entry, take-profit and stop under three consecutive ids; TWS transmits them with the last one.</summary>
    public async Task<TwsBracketOrderIds> PlaceBracketOrderAsync(TwsContract contract, TwsBracketOrder bracket,
        CancellationToken cancellationToken = default, Action<int>? allocated = null)
    {
        var connection = ConnectionForNewOrders();
        var parentId = await _orderIds.AllocateAsync(3, cancellationToken);
        allocated?.Invoke(parentId);
        foreach (var (orderId, order) in bracket.ToOrders(parentId))
            connection.Send(TwsPlaceOrderEncoder.Encode(orderId, contract, order));
        return new TwsBracketOrderIds(parentId, parentId + 1, parentId + 2);
    }

    /// <summary>Re-sends a working order under its own id, which TWS treats as a modify (moved stop, trimmed size).</summary>
    public void ModifyOrder(int orderId, TwsContract contract, TwsOrder order) =>
        Connection().Send(TwsPlaceOrderEncoder.Encode(orderId, contract, order));

    /// <summary>TWS answers with ORDER_STATUS Cancelled and error 202, or 10147/10148 if it cannot.</summary>
    public void CancelOrder(int orderId) => Connection().Send(TwsRequestEncoder.CancelOrder(orderId));

    /// <summary>Asks for a fresh NEXT_VALID_ID.</summary>
    public void RequestIds() => Connection().Send(TwsRequestEncoder.RequestIds());

    /// <summary>This client id's open orders: OPEN_ORDER + ORDER_STATUS each, then OPEN_ORDER_END.</summary>
    public void RequestOpenOrders() => Connection().Send(TwsRequestEncoder.RequestOpenOrders());

    /// <summary>Every API client's open orders, then OPEN_ORDER_END.</summary>
    public void RequestAllOpenOrders() => Connection().Send(TwsRequestEncoder.RequestAllOpenOrders());

    /// <summary>Today's fills matching the filter (EXECUTION_DATA + COMMISSION_REPORT each, then EXECUTION_DATA_END).
    /// Returns the request id the answers carry.</summary>
    public int RequestExecutions(TwsExecutionFilter filter)
    {
        var requestId = NextRequestId();
        Connection().Send(TwsRequestEncoder.RequestExecutions(requestId, filter));
        return requestId;
    }

    /// <summary>POSITION_DATA per position, then POSITION_END; updates keep coming until <see cref="CancelPositions"/>.</summary>
    public void RequestPositions() => Connection().Send(TwsRequestEncoder.RequestPositions());

    /// <summary>ACCOUNT_SUMMARY per account and tag, then ACCOUNT_SUMMARY_END; cancel it afterwards, it keeps updating.</summary>
    public int RequestAccountSummary(string tags)
    {
        var requestId = NextRequestId();
        Connection().Send(TwsRequestEncoder.RequestAccountSummary(requestId, tags));
        return requestId;
    }

    public void CancelAccountSummary(int requestId) => Connection().Send(TwsRequestEncoder.CancelAccountSummary(requestId));

    public void CancelPositions() => Connection().Send(TwsRequestEncoder.CancelPositions());

    /// <summary>Send before <see cref="RequestMarketData"/>; Delayed when there is no market data subscription.</summary>
    public void RequestMarketDataType(TwsMarketDataType type) => Connection().Send(TwsRequestEncoder.RequestMarketDataType(type));

    /// <summary>Streams TICK_PRICE/TICK_SIZE (and TICK_OPTION_COMPUTATION for options) for the returned request id.</summary>
    /// <param name="registered">Called with the id before the request is sent, so the first tick can be matched.</param>
    public int RequestMarketData(TwsContract contract, string genericTickList = "", bool snapshot = false, Action<int>? registered = null)
    {
        var requestId = NextRequestId();
        registered?.Invoke(requestId);
        Connection().Send(TwsRequestEncoder.RequestMarketData(requestId, contract, genericTickList, snapshot));
        return requestId;
    }

    public void CancelMarketData(int requestId) => Connection().Send(TwsRequestEncoder.CancelMarketData(requestId));

    /// <summary>CONTRACT_DATA per match (with the conId), then CONTRACT_DATA_END; no match gives error 200.</summary>
    public int RequestContractDetails(TwsContract contract)
    {
        var requestId = NextRequestId();
        Connection().Send(TwsRequestEncoder.RequestContractData(requestId, contract));
        return requestId;
    }

    /// <summary>A REQ_CURRENT_TIME round trip; the returned time is TWS's clock.</summary>
    /// <exception cref="TimeoutException">No answer within <see cref="TwsClientOptions.PingTimeout"/>.</exception>
    public Task<DateTimeOffset> PingAsync(CancellationToken cancellationToken = default) => PingAsync(Connection(), cancellationToken);

    private async Task<DateTimeOffset> PingAsync(TwsConnection connection, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingPings.Enqueue(answer);
        connection.Send(TwsRequestEncoder.RequestCurrentTime());
        try
        {
            return await answer.Task.WaitAsync(_options.PingTimeout, _time, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"TWS did not answer REQ_CURRENT_TIME within {_options.PingTimeout}.", ex);
        }
    }

    private int NextRequestId() => Interlocked.Increment(ref _lastRequestId);

    private TwsConnection Connection()
    {
        var state = State;
        return state.HasSession() && _connection is { } connection ? connection : throw new TwsNotConnectedException(state);
    }

    /// <summary>While TWS has lost IB (1100) an order would sit in limbo; refuse it so the caller can decide.</summary>
    private TwsConnection ConnectionForNewOrders()
    {
        var connection = Connection();
        return State == TwsConnectionState.LinkLost ? throw new TwsNotConnectedException(TwsConnectionState.LinkLost) : connection;
    }
}

/// <summary>The ids of a bracket's three orders.</summary>
internal readonly record struct TwsBracketOrderIds(int ParentId, int TakeProfitId, int StopLossId);
