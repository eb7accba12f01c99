using System.Collections.Immutable;
using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>
/// One Tradovate account on its login's shared session. Every order carries <c>isAutomated: true</c> (no person clicked it)
/// and <c>clOrdId</c> = the intent's key (bracket legs <c>:tp</c>/<c>:sl</c>). A placement that times out is unknown: it is
/// looked up by clOrdId (sync events, then <c>/command/list</c>) and never sent again. Queries: <c>.Queries.cs</c>.
/// </summary>
internal sealed partial class TradovateBroker : IBroker, ITradovateAccountSink
{
    private readonly TradovateSession _session;
    private readonly TradovateAccountSettings _settings;
    private readonly TradovateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Action _release;
    private ImmutableArray<Action<BrokerEvent>> _handlers = [];
    private IDisposable? _attachment;

    public TradovateBroker(BrokerAccount account, TradovateSession session, TradovateOptions options, TimeProvider time, ILogger log, Action release)
    {
        AccountId = account.Id;
        _settings = TradovateAccountSettings.From(account);
        _session = session;
        _options = options;
        _time = time;
        _log = log;
        _release = release;
    }

    public long AccountId { get; }

    public string AccountName => _settings.Account;

    public BrokerConnectionState ConnectionState { get; private set; } = BrokerConnectionState.Disconnected;

    public string? ConnectionDetail { get; private set; }

    public TimeSpan SubmissionHoldLimit => TimeSpan.FromSeconds(_options.MaxHoldSeconds);

    /// <summary>Returns at once (the registry calls this on the engine loop); progress arrives as <see cref="ConnectionChanged"/>.</summary>
    public Task ConnectAsync(CancellationToken ct)
    {
        _attachment ??= _session.Attach(this);
        return Task.CompletedTask;
    }

    public void OnSessionState(BrokerConnectionState state, string detail)
    {
        // The login can be fine while this account is missing from it: say so instead of "connected".
        if (state == BrokerConnectionState.Connected && !_session.TryAccount(_settings.Account, out _))
            (state, detail) = (BrokerConnectionState.Disconnected, $"the login has no account {_settings.Account} (it has {string.Join(", ", _session.Accounts.Select(a => a.Name))})");
        if (state == ConnectionState && detail == ConnectionDetail) return;
        (ConnectionState, ConnectionDetail) = (state, detail.StartsWith("Tradovate", StringComparison.Ordinal) ? detail : $"Tradovate {detail}");
        Emit(new ConnectionChanged(AccountId, _time.GetUtcNow(), state, ConnectionDetail));
    }

    public void OnOrder(TradovateOrderState order)
    {
        OrderStatusReported report;
        lock (_session.Book.Gate)
        {
            if (order.ClientOrderRef is not { } reference) return;   // not ours: placed in Tradovate's own app
            var (filled, avg) = order.Filled();
            var status = order.Status;
            if (order.LastReport is { } last && last.Status == status && last.FilledQuantity == filled && last.AvgFillPrice == avg) return;
            report = new OrderStatusReported(AccountId, _time.GetUtcNow(), reference, Id(order.Id), status, filled, avg,
                status == BrokerOrderStatus.Rejected ? $"Tradovate rejected the order: {order.RejectReason ?? "no reason given"}" : null);
            order.LastReport = report;
        }
        Emit(report);
    }

    public async Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest r, CancellationToken ct)
    {
        if (r.Quantity <= 0 || r.Quantity != decimal.Truncate(r.Quantity)) return PlaceOrderResponse.Reject(r.ClientOrderRef, "quantity must be a positive whole number of contracts");
        if (r.IsCombo) return PlaceOrderResponse.Reject(r.ClientOrderRef, "Tradovate: multi-leg orders are not supported");
        try
        {
            if (await HoldAsync(r.ClientOrderRef, ct) is { } refused) return refused;
            var token = await _session.TokenAsync(ct);
            var account = Account();
            var contract = await _session.Contracts.ResolveAsync(r.Symbol, r.ContractMonth, _session.Rest, token, ct);
            // A flatten goes as liquidateposition: Tradovate cancels the contract's working orders, then closes the position.
            if (r.ClientOrderRef.StartsWith("flatten:", StringComparison.Ordinal) && r.Type == OrderType.Market && r.Bracket is null)
                return await LiquidateAsync(r, account, contract, token, ct);
            var body = OrderBody(r.ClientOrderRef, account, contract, r.Action, r.Quantity, r.Type, r.LimitPrice, r.StopPrice);
            var path = "order/placeorder";
            if (r.Bracket is { } b)
            {
                var exit = r.Action == OrderAction.Buy ? "Sell" : "Buy";
                path = "order/placeOSO";
                if (b.TakeProfitPrice is { } tp)
                    body["bracket1"] = new Dictionary<string, object?> { ["action"] = exit, ["clOrdId"] = $"{r.ClientOrderRef}:tp", ["orderType"] = "Limit", ["price"] = Round(tp, contract), ["timeInForce"] = "GTC" };
                if (b.StopLossPrice is { } sl)
                    body[b.TakeProfitPrice is null ? "bracket1" : "bracket2"] = new Dictionary<string, object?> { ["action"] = exit, ["clOrdId"] = $"{r.ClientOrderRef}:sl", ["orderType"] = "Stop", ["stopPrice"] = Round(sl, contract), ["timeInForce"] = "GTC" };
                if (!body.ContainsKey("bracket1")) path = "order/placeorder";
            }
            return await PlaceAsync(path, body, r.ClientOrderRef, r.Quantity, account, token, ct);
        }
        catch (TradovateException ex)
        {
            // Nothing reached Tradovate (contract unknown, rate-limit pause, token refused before sending): a clear rejection.
            return PlaceOrderResponse.Reject(r.ClientOrderRef, $"Tradovate: {ex.Message}");
        }
    }

    public async Task<PlaceOrderResponse> PlaceProtectionAsync(ProtectionRequest r, CancellationToken ct)
    {
        try
        {
            if (await HoldAsync(r.ClientOrderRef, ct) is { } refused) return refused;
            var token = await _session.TokenAsync(ct);
            var account = Account();
            var contract = await _session.Contracts.ResolveAsync(r.Symbol, _session.Rest, token, ct);
            var body = OrderBody($"{r.ClientOrderRef}:tp", account, contract, r.Action, r.Quantity, OrderType.Limit, r.TakeProfitPrice, null);
            body["timeInForce"] = "GTC";
            body["other"] = new Dictionary<string, object?>
            {
                ["action"] = r.Action.ToString(), ["clOrdId"] = $"{r.ClientOrderRef}:sl", ["orderType"] = "Stop", ["stopPrice"] = Round(r.StopLossPrice, contract), ["timeInForce"] = "GTC",
            };
            return await PlaceAsync("order/placeOCO", body, $"{r.ClientOrderRef}:tp", r.Quantity, account, token, ct) is { Result: PlaceOrderResult.Accepted } ok
                ? PlaceOrderResponse.Accept(r.ClientOrderRef, ok.BrokerOrderId!)
                : PlaceOrderResponse.Reject(r.ClientOrderRef, "Tradovate refused the OCO");
        }
        catch (TradovateException ex)
        {
            return PlaceOrderResponse.Reject(r.ClientOrderRef, $"Tradovate: {ex.Message}");
        }
    }

    /// <summary>Sends one placement, once. Its answer names the order (and bracket legs) for their clOrdIds; a timeout or a
    /// lost connection is resolved by looking the clOrdId up, never by sending again.</summary>
    private async Task<PlaceOrderResponse> PlaceAsync(string path, Dictionary<string, object?> body, string reference, decimal quantity, TvAccount account,
        string token, CancellationToken ct)
    {
        System.Text.Json.JsonElement? answer;
        try
        {
            answer = await _session.Rest.PostAsync(path, body, token, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException)
        {
            _log.LogWarning("Tradovate account {Account}: {Path} for {Ref} unanswered ({Reason}); looking it up by clOrdId", account.Name, path, reference, ex.Message);
            if (await FindByClOrdIdAsync(reference, ct) is { } found) return PlaceOrderResponse.Accept(reference, Id(found));
            throw new TimeoutException($"Tradovate did not answer the placement and has no order with clOrdId {reference} yet; left for reconciliation, not re-sent");
        }
        catch (TradovateAuthException ex)
        {
            _session.TokenRefused(token);
            return PlaceOrderResponse.Reject(reference, $"Tradovate refused the token; the order was not placed ({ex.Message})");
        }
        var result = answer?.As<TvPlaceResult>();
        if (result?.OrderId is not { } orderId || result.FailureReason is { } reason && reason != "Success")
            return PlaceOrderResponse.Reject(reference, $"Tradovate: {result?.FailureReason ?? "no order id"}{(result?.FailureText is { Length: > 0 } t ? $" ({t})" : "")}");
        var order = _session.Book.Link(orderId, reference, account.Id, quantity);
        var root = reference.EndsWith(":tp", StringComparison.Ordinal) ? reference[..^3] : reference;
        if (result.Oso1Id is { } oso1) _session.Book.Link(oso1, body.TryGetValue("bracket1", out var b1) && b1 is Dictionary<string, object?> d1 ? (string)d1["clOrdId"]! : $"{root}:tp", account.Id, quantity);
        if (result.Oso2Id is { } oso2) _session.Book.Link(oso2, $"{root}:sl", account.Id, quantity);
        if (result.OcoId is { } oco) _session.Book.Link(oco, $"{root}:sl", account.Id, quantity);
        OnOrder(order);
        return PlaceOrderResponse.Accept(reference, Id(orderId));
    }

    private async Task<PlaceOrderResponse> LiquidateAsync(PlaceOrderRequest r, TvAccount account, TradovateContract contract, string token, CancellationToken ct)
    {
        var answer = await _session.Rest.PostAsync("order/liquidateposition",
            new { accountId = account.Id, contractId = contract.Id, admin = false, isAutomated = true }, token, ct);
        var result = answer?.As<TvPlaceResult>();
        if (result?.OrderId is not { } orderId)
            return PlaceOrderResponse.Reject(r.ClientOrderRef, $"Tradovate: liquidation refused: {result?.FailureReason ?? "no order id"} {result?.FailureText}".Trim());
        OnOrder(_session.Book.Link(orderId, r.ClientOrderRef, account.Id, r.Quantity));
        return PlaceOrderResponse.Accept(r.ClientOrderRef, Id(orderId));
    }

    private Dictionary<string, object?> OrderBody(string reference, TvAccount account, TradovateContract contract, OrderAction action, decimal quantity,
        OrderType type, decimal? limit, decimal? stop)
    {
        var body = new Dictionary<string, object?>
        {
            ["accountSpec"] = account.Name, ["accountId"] = account.Id, ["clOrdId"] = reference, ["action"] = action.ToString(),
            ["symbol"] = contract.Name, ["orderQty"] = (int)quantity, ["isAutomated"] = true,
        };
        switch (type)
        {
            case OrderType.Market:
                body["orderType"] = "Market";
                break;
            case OrderType.Limit:
                body["orderType"] = "Limit";
                body["price"] = Round(limit ?? throw new TradovateException("a limit order needs its limit price"), contract);
                break;
            case OrderType.Stop:
                body["orderType"] = limit is null ? "Stop" : "StopLimit";
                body["stopPrice"] = Round(stop ?? throw new TradovateException("a stop order needs its stop price"), contract);
                if (limit is { } l) body["price"] = Round(l, contract);
                break;
        }
        return body;
    }

    /// <summary>Off-grid prices are rejected by Tradovate: round to the product's tick.</summary>
    private static decimal Round(decimal price, TradovateContract contract) =>
        Math.Round(price / contract.TickSize, MidpointRounding.AwayFromZero) * contract.TickSize;

    /// <summary>Waits while the session reconnects (the intent stays Pending); a refusal when waiting cannot help or took too long.</summary>
    private async Task<PlaceOrderResponse?> HoldAsync(string reference, CancellationToken ct)
    {
        var since = _time.GetUtcNow();
        while (true)
        {
            var ready = _session.ReadyTask;
            if (ready.IsCompleted)
                return _session.TryAccount(_settings.Account, out _) ? null : PlaceOrderResponse.Reject(reference, ConnectionDetail ?? "Tradovate account not found");
            if (_session.Fatal is { } fatal) return PlaceOrderResponse.Reject(reference, $"Tradovate {fatal}");
            if (_session.Rest.PausedUntil is { } until) return PlaceOrderResponse.Reject(reference, $"Tradovate rate limit: nothing is sent until {until:HH:mm} UTC");
            if (_time.GetUtcNow() - since >= SubmissionHoldLimit)
                return PlaceOrderResponse.Reject(reference, $"Tradovate not connected for {SubmissionHoldLimit.TotalSeconds:0} s ({ConnectionDetail}); not sent, a late order is worse than none");
            await Task.WhenAny(ready, _time.DelayAsync(TimeSpan.FromSeconds(1), ct)).WaitAsync(ct);
        }
    }

    private TvAccount Account() =>
        _session.TryAccount(_settings.Account, out var account) ? account : throw new TradovateException($"the login has no account {_settings.Account}");

    public IDisposable Subscribe(Action<BrokerEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    private void Emit(BrokerEvent e)
    {
        foreach (var handler in _handlers) handler(e);
    }

    public ValueTask DisposeAsync()
    {
        _attachment?.Dispose();
        _release();
        return ValueTask.CompletedTask;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
