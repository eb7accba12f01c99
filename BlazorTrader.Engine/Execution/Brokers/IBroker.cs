namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>
/// The port every broker adapter implements (paper, Interactive Brokers, ...), one instance per account.
/// Calls never mutate engine state: answers are returned, later changes (acknowledgements, fills,
/// cancels, connection drops) arrive through <see cref="Subscribe"/> and the engine turns them into commands.
/// A call that times out is unknown, not failed: reconciliation by <see cref="PlaceOrderRequest.ClientOrderRef"/> resolves it.
/// </summary>
public interface IBroker : IAsyncDisposable
{
    long AccountId { get; }

    BrokerConnectionState ConnectionState { get; }

    Task ConnectAsync(CancellationToken ct);

    /// <summary>Places a market, limit, stop, bracket (OCO take-profit/stop) or combo order; never throws for a business rejection.</summary>
    Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct);

    /// <summary>
    /// Changes a working order's size or price under the same reference (and, where the broker has one, the same
    /// order id). A broker that cannot modify answers a rejection: the caller then cancels and replaces.
    /// </summary>
    Task<PlaceOrderResponse> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken ct) =>
        Task.FromResult(PlaceOrderResponse.Reject(request.ClientOrderRef, "this broker cannot modify an order; cancel and replace it"));

    /// <summary>Cancels the order with this client reference and its bracket children.</summary>
    Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct);

    /// <summary>Orders still working at the broker (accepted, partially filled, held bracket children).</summary>
    Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken ct);

    /// <summary>Executions since <paramref name="sinceUtc"/>, each tagged with its order's client reference.</summary>
    Task<IReadOnlyList<BrokerExecution>> GetExecutionsAsync(DateTime sinceUtc, CancellationToken ct);

    Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct);

    Task<AccountSummary> GetAccountSummaryAsync(CancellationToken ct);

    /// <summary>Order status changes, executions and connection changes, in the order the broker reported them.</summary>
    IDisposable Subscribe(Action<BrokerEvent> handler);

    /// <summary>The broker's own words for its connection (e.g. "TWS lost its link to IB (1100)"), for /health and the UI.</summary>
    string? ConnectionDetail => null;

    /// <summary>How long a placement may be held by the adapter (restart window, link lost) before it is sent; the
    /// submitter's timeout starts after it, so a held order is not mistaken for an unknown one.</summary>
    TimeSpan SubmissionHoldLimit => TimeSpan.Zero;

    /// <summary>True when the broker holds GTC stop and limit orders linked in an OCA group: the engine then keeps each copied
    /// position's stop and targets resting there (<see cref="Protection.ProtectionKeeper"/>).</summary>
    bool RestsProtection => false;

    /// <summary>Bar history and a market scanner where the broker has them (IB); null: bars come from the feed's ticks.</summary>
    IBrokerMarketData? MarketData => null;

    /// <summary>What a "test connection" shows: server version and managed accounts where the broker has them.</summary>
    Task<BrokerConnectionTest?> TestConnectionAsync(CancellationToken ct) => Task.FromResult<BrokerConnectionTest?>(null);

    /// <summary>Places protection for a position already held: a take-profit limit and a stop, one cancels the other, as
    /// <c>{ref}:tp</c> and <c>{ref}:sl</c>. Brokers without native OCO answer "not supported".</summary>
    Task<PlaceOrderResponse> PlaceProtectionAsync(ProtectionRequest request, CancellationToken ct) =>
        Task.FromResult(PlaceOrderResponse.Reject(request.ClientOrderRef, "after-fill OCO protection is not supported by this broker"));
}

/// <summary>Creates the adapter for one broker kind; the Interactive Brokers adapter registers one of these.</summary>
public interface IBrokerProvider
{
    BrokerKind Kind { get; }

    IBroker Create(BrokerAccount account);
}

/// <summary>Wraps every broker the registry creates (diagnostics, fault injection in tests).</summary>
public interface IBrokerDecorator
{
    IBroker Decorate(IBroker broker);
}

/// <summary>What an adapter needs to know about its account: settings decrypted, as the user entered them.</summary>
public sealed record BrokerAccount(long Id, string Name, BrokerKind Kind, IReadOnlyDictionary<string, string> Settings);
