using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>Cancel, modify, and the questions reconciliation asks; answered from the session's synced book.</summary>
internal sealed partial class TradovateBroker
{
    public async Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct)
    {
        var targets = new[] { request.ClientOrderRef, $"{request.ClientOrderRef}:tp", $"{request.ClientOrderRef}:sl" }
            .Select(_session.Book.ByRef).OfType<TradovateOrderState>().Where(o => o.IsWorking).ToList();
        if (targets.Count == 0)
            return new CancelOrderResponse(false, request.ClientOrderRef, "no working Tradovate order with this clOrdId");
        try
        {
            var token = await _session.TokenAsync(ct);
            foreach (var order in targets)
            {
                var result = (await _session.Rest.PostAsync("order/cancelorder", new { orderId = order.Id, isAutomated = true }, token, ct))?.As<TvCommandResult>();
                if (result?.FailureReason is { } reason && reason != "Success")
                    return new CancelOrderResponse(false, request.ClientOrderRef, $"Tradovate: {reason} {result.FailureText}".Trim());
            }
            return new CancelOrderResponse(true, request.ClientOrderRef);
        }
        catch (TradovateException ex)
        {
            return new CancelOrderResponse(false, request.ClientOrderRef, $"Tradovate: {ex.Message}");
        }
    }

    public async Task<PlaceOrderResponse> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken ct)
    {
        if (await WorkingOrderAsync(request.ClientOrderRef, ct) is not { } order)
            return PlaceOrderResponse.Reject(request.ClientOrderRef, "no working Tradovate order with this clOrdId");
        try
        {
            var token = await _session.TokenAsync(ct);
            var contract = _session.Contracts.SymbolFor(order.ContractId) is var symbol ? await _session.Contracts.ResolveAsync(symbol, _session.Rest, token, ct) : null;
            var body = new Dictionary<string, object?>
            {
                ["orderId"] = order.Id, ["orderQty"] = (int)(request.Quantity ?? order.Quantity ?? 0), ["isAutomated"] = true,
                ["orderType"] = request.StopPrice is not null ? (request.LimitPrice is null ? "Stop" : "StopLimit") : request.LimitPrice is not null ? "Limit" : "Market",
            };
            if (request.LimitPrice is { } price) body["price"] = Round(price, contract!);
            if (request.StopPrice is { } stop) body["stopPrice"] = Round(stop, contract!);
            var result = (await _session.Rest.PostAsync("order/modifyorder", body, token, ct))?.As<TvCommandResult>();
            if (result?.FailureReason is { } reason && reason != "Success")
                return PlaceOrderResponse.Reject(request.ClientOrderRef, $"Tradovate: {reason} {result.FailureText}".Trim());
            lock (_session.Book.Gate) order.Quantity = request.Quantity ?? order.Quantity;
            return PlaceOrderResponse.Accept(request.ClientOrderRef, order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (TradovateException ex)
        {
            return PlaceOrderResponse.Reject(request.ClientOrderRef, $"Tradovate: {ex.Message}");
        }
    }

    /// <summary>
    /// The working order of a clOrdId. An OCO's second leg (and any order just placed) is known only once its sync event
    /// arrives, which may be after the placement's answer: a modify right behind the placement waits for it, up to
    /// <see cref="SyncEventWait"/> of wall time (a busy machine delays the socket's events by seconds).
    /// </summary>
    private async Task<TradovateOrderState?> WorkingOrderAsync(string reference, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (_session.Book.ByRef(reference) is { IsWorking: true } order) return order;
            if (waited.Elapsed > SyncEventWait) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }

    private static readonly TimeSpan SyncEventWait = TimeSpan.FromSeconds(10);

    /// <summary>The order a clOrdId became: from the sync events if they told already, else from <c>/command/list</c>.</summary>
    private async Task<long?> FindByClOrdIdAsync(string reference, CancellationToken ct)
    {
        if (_session.Book.ByRef(reference) is { } known) return known.Id;
        try
        {
            var token = await _session.TokenAsync(ct);
            var commands = (await _session.Rest.GetAsync("command/list", token, ct))?.As<List<TvCommand>>() ?? [];
            if (commands.FirstOrDefault(c => c.ClOrdId == reference && c.CommandType is null or "New") is not { } command) return null;
            OnOrder(_session.Book.Link(command.OrderId, reference, Account().Id));
            return command.OrderId;
        }
        catch (Exception ex) when (ex is TradovateException or TimeoutException or HttpRequestException)
        {
            return _session.Book.ByRef(reference)?.Id;
        }
    }

    /// <summary>Before the first sync the book knows nothing: an empty answer would make reconciliation cancel intents that
    /// may be working. Say "unreachable" instead; the reconciliation after <c>Connected</c> settles them.</summary>
    private void RequireSynced()
    {
        if (!_session.ReadyTask.IsCompleted) throw new TradovateException($"not synced with Tradovate yet ({ConnectionDetail})");
    }

    public Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken ct) { RequireSynced(); return Task.FromResult<IReadOnlyList<BrokerOrder>>(
        [.. Mine().Where(o => o.ClientOrderRef is not null && o.IsWorking).Select(o =>
        {
            var (filled, avg) = o.Filled();
            return new BrokerOrder(o.ClientOrderRef!, Id(o.Id), _session.Contracts.SymbolFor(o.ContractId), o.Action, o.Quantity ?? 0, o.Type, o.Status, filled, avg);
        })]); }

    /// <summary>Fills of our orders since <paramref name="sinceUtc"/>, each under its order's clOrdId, deduplicated by fill id.</summary>
    public Task<IReadOnlyList<BrokerExecution>> GetExecutionsAsync(DateTime sinceUtc, CancellationToken ct)
    {
        RequireSynced();
        List<BrokerExecution> all;
        lock (_session.Book.Gate)
            all = [.. Mine().Where(o => o.ClientOrderRef is not null).SelectMany(o => o.Fills.Values.Select(f => new BrokerExecution(
                Id(f.Id), o.ClientOrderRef!, Id(o.Id), _session.Contracts.SymbolFor(f.ContractId), f.Action == "Sell" ? OrderAction.Sell : OrderAction.Buy,
                f.Qty, f.Price, (f.Timestamp ?? _time.GetUtcNow()).UtcDateTime)))
                .Where(e => e.AtUtc >= sinceUtc)];
        return Task.FromResult<IReadOnlyList<BrokerExecution>>(all);
    }

    public Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<BrokerPosition>>(
        _session.TryAccount(_settings.Account, out var account)
            ? [.. _session.Book.Positions(account.Id).Where(p => p.NetPos != 0).Select(p => new BrokerPosition(_session.Contracts.SymbolFor(p.ContractId), p.NetPos, p.NetPrice ?? 0))]
            : []);

    /// <summary>From the synced cash balance (Tradovate asks not to poll the snapshot call); the snapshot only before the first sync.</summary>
    public async Task<AccountSummary> GetAccountSummaryAsync(CancellationToken ct)
    {
        if (!_session.TryAccount(_settings.Account, out var account)) return new AccountSummary(AccountId, "USD", 0, 0, 0);
        if (_session.Book.Cash(account.Id) is { } cash)
            return new AccountSummary(AccountId, "USD", cash.Amount ?? 0, cash.RealizedPnL ?? 0, cash.Amount ?? 0);
        try
        {
            var snapshot = (await _session.Rest.PostAsync("cashBalance/getcashbalancesnapshot", new { accountId = account.Id }, await _session.TokenAsync(ct), ct))?.As<TvCashSnapshot>();
            return new AccountSummary(AccountId, "USD", snapshot?.TotalCashValue ?? 0, snapshot?.RealizedPnL ?? 0, snapshot?.NetLiq ?? snapshot?.TotalCashValue ?? 0);
        }
        catch (Exception ex) when (ex is TradovateException or TimeoutException or HttpRequestException)
        {
            return new AccountSummary(AccountId, "USD", 0, 0, 0);
        }
    }

    public Task<BrokerConnectionTest?> TestConnectionAsync(CancellationToken ct) => Task.FromResult<BrokerConnectionTest?>(new BrokerConnectionTest(
        ConnectionState == BrokerConnectionState.Connected, ConnectionDetail ?? "not connected", null, [.. _session.Accounts.Select(a => a.Name).Order(StringComparer.Ordinal)]));

    private List<TradovateOrderState> Mine() =>
        _session.TryAccount(_settings.Account, out var account) ? _session.Book.Orders(account.Id) : [];
}
