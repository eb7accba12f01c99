namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>Stands in for an account whose broker adapter is missing: every order is rejected with the reason, nothing is sent anywhere.</summary>
internal sealed class UnavailableBroker(BrokerAccount account, string reason) : IBroker
{
    public long AccountId => account.Id;

    public BrokerConnectionState ConnectionState => BrokerConnectionState.Disconnected;

    public Task ConnectAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct) =>
        Task.FromResult(PlaceOrderResponse.Reject(request.ClientOrderRef, reason));

    public Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct) =>
        Task.FromResult(new CancelOrderResponse(false, request.ClientOrderRef, reason));

    public Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BrokerOrder>>([]);

    public Task<IReadOnlyList<BrokerExecution>> GetExecutionsAsync(DateTime sinceUtc, CancellationToken ct) => Task.FromResult<IReadOnlyList<BrokerExecution>>([]);

    public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BrokerPosition>>([]);

    public Task<AccountSummary> GetAccountSummaryAsync(CancellationToken ct) => Task.FromResult(new AccountSummary(account.Id, "USD", 0, 0, 0));

    public IDisposable Subscribe(Action<BrokerEvent> handler) => new Nothing();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Nothing : IDisposable { public void Dispose() { } }
}
