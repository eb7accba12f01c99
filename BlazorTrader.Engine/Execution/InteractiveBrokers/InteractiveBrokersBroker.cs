using System.Collections.Concurrent;
using System.Collections.Immutable;
using BlazorTrader.Engine.Execution.Brokers;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// One IB account through TWS/IB Gateway. Orders carry the intent key as <c>orderRef</c> (bracket children
/// <c>:tp</c>/<c>:sl</c>); ids come from a durable store so a restart never reuses one. While TWS is unreachable, has
/// lost IB (1100), is being reconciled after a (re)connect, or is inside the daily restart window, placements are held
/// (the intent stays Pending) and sent once, after reconciliation, or rejected after <c>MaxHoldSeconds</c>.
/// Reports: <c>.Reports.cs</c>; queries used by reconciliation: <c>.Queries.cs</c>.
/// </summary>
internal sealed partial class InteractiveBrokersBroker : IBroker
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(15);

    private readonly IbAccountSettings _settings;
    private readonly InteractiveBrokersOptions _options;
    private readonly TwsClient _client;
    private readonly IbContractResolver _contracts;
    private readonly IbRestartWindow _window;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TwsReplies _replies = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<int, PlacedOrder> _orders = new();
    private readonly ConcurrentDictionary<string, int> _idsByRef = new();
    private readonly ConcurrentDictionary<string, HeldOrder> _held = new();
    private readonly Lock _gate = new();
    private ImmutableArray<Action<BrokerEvent>> _handlers = [];
    private TaskCompletionSource _accepting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _reader;
    private Task? _connect;

    public InteractiveBrokersBroker(BrokerAccount account, InteractiveBrokersOptions options, IbContractResolver contracts,
        IOrderIdStore orderIds, TimeProvider time, ILoggerFactory loggers)
    {
        AccountId = account.Id;
        _settings = IbAccountSettings.From(account);
        _options = options;
        _contracts = contracts;
        _window = IbRestartWindow.From(options);
        _time = time;
        _log = loggers.CreateLogger<InteractiveBrokersBroker>();
        _client = new TwsClient(ClientOptions(_settings.Host, _settings.Port, _settings.ClientId, options), orderIds, time,
            loggers.CreateLogger<TwsClient>());
    }

    public long AccountId { get; }

    public BrokerConnectionState ConnectionState { get; private set; } = BrokerConnectionState.Disconnected;

    /// <summary>IB's own words for the state: link lost (1100), restored (1101/1102), client id in use (326)...</summary>
    public string? ConnectionDetail { get; private set; }

    public TimeSpan SubmissionHoldLimit => TimeSpan.FromSeconds(_options.MaxHoldSeconds);

    /// <summary>IB holds GTC STP/LMT orders in OCA groups: the account's stop and targets rest at the broker.</summary>
    public bool RestsProtection => true;

    internal static TwsClientOptions ClientOptions(string host, int port, int clientId, InteractiveBrokersOptions o) => new()
    {
        Host = host, Port = port, ClientId = clientId, MessagesPerSecond = o.MessagesPerSecond, Burst = o.Burst,
        ConnectTimeout = TimeSpan.FromSeconds(o.ConnectTimeoutSeconds),
        KeepAliveInterval = o.KeepAliveSeconds > 0 ? TimeSpan.FromSeconds(o.KeepAliveSeconds) : null,
        InitialReconnectDelay = TimeSpan.FromSeconds(o.ReconnectDelaySeconds),
    };

    /// <summary>Starts connecting and returns at once: the registry calls this on the engine loop, which must not wait
    /// for a TWS that may be down. Progress arrives as <see cref="ConnectionChanged"/> events.</summary>
    public Task ConnectAsync(CancellationToken ct)
    {
        _reader ??= ReadAsync(_lifetime.Token);
        _connect ??= ConnectUntilReadyAsync(_lifetime.Token);
        return Task.CompletedTask;
    }

    /// <summary>TWS may not be up yet (daily restart, Gateway starting): keep trying with backoff until the first session;
    /// after that the client reconnects by itself. A refused client id (326) stops it: retrying cannot help.</summary>
    private async Task ConnectUntilReadyAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromSeconds(_options.ReconnectDelaySeconds);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _client.ConnectAsync(stop);
                return;
            }
            catch (TwsClientIdInUseException) { return; }
            catch (OperationCanceledException) { return; }
            catch (Exception ex)
            {
                _log.LogDebug(ex, "IB account {AccountId}: connect failed, next try in {Delay}", AccountId, delay);
                try { await _time.DelayAsync(delay, stop); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(60).Ticks));
            }
        }
    }

    public async Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct)
    {
        var held = new HeldOrder(request, _time.GetUtcNow());
        _held[request.ClientOrderRef] = held;
        try
        {
            while (true)
            {
                if (await HoldAsync(held, ct) is { } refused) return refused;
                try
                {
                    return await SendAsync(request, ct);
                }
                catch (TwsNotConnectedException) when (request.Bracket is null)
                {
                    // The session dropped between the check and the send: nothing was queued (single order), so hold again.
                }
            }
        }
        catch (Exception ex) when (ex is IbContractException or TwsNotConnectedException)
        {
            // Nothing reached TWS: a clear rejection, not an unknown outcome.
            return PlaceOrderResponse.Reject(request.ClientOrderRef, ex.Message);
        }
        finally
        {
            HeldOrderDone(request.ClientOrderRef);
        }
    }

    /// <summary>Waits until an order may go to TWS; a rejection instead when it should not wait (or waited too long).</summary>
    private async Task<PlaceOrderResponse?> HoldAsync(HeldOrder held, CancellationToken ct)
    {
        var r = held.Request;
        while (HoldReason() is { } reason)
        {
            // Hold only what should pass: the restart window, or a session that was up and will be back. TWS never
            // reached since start, or our client id refused (326), needs a person: say so now.
            if (_window.Remaining(_time.GetUtcNow()) is null && (!_everReady || _lastState == TwsConnectionState.ClientIdRejected))
                return PlaceOrderResponse.Reject(r.ClientOrderRef, $"Interactive Brokers: {reason}");
            if (held.Cancelled) return PlaceOrderResponse.Reject(r.ClientOrderRef, "cancelled while held");
            if (_time.GetUtcNow() - held.Since >= SubmissionHoldLimit)
                return PlaceOrderResponse.Reject(r.ClientOrderRef, $"held {SubmissionHoldLimit.TotalMinutes:0} min ({reason}); not sent, a late order is worse than none");
            await NextHoldCheckAsync(ct);
        }
        return held.Cancelled ? PlaceOrderResponse.Reject(r.ClientOrderRef, "cancelled while held") : null;
    }

    /// <summary>Up to a second, or until the session comes back. Inside the restart window the session may already be up
    /// (its task complete): then only the clock can end the wait, else the hold loop would spin without waiting.</summary>
    private async Task NextHoldCheckAsync(CancellationToken ct)
    {
        Task accepting;
        lock (_gate) accepting = _accepting.Task;
        var second = TimeSpan.FromSeconds(1);
        if (accepting.IsCompleted)
        {
            var left = _window.Remaining(_time.GetUtcNow()) ?? TimeSpan.Zero;
            await _time.DelayAsync(left < second ? left : second, ct);
            return;
        }
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = _time.DelayAsync(second, wake.Token);
        await Task.WhenAny(accepting, delay).WaitAsync(ct);
        await wake.CancelAsync();   // its timer goes now, not a second later
        try { await delay; } catch (OperationCanceledException) { }
    }

    /// <summary>Why no order may go to TWS right now, or null when it may.</summary>
    private string? HoldReason()
    {
        if (_window.Remaining(_time.GetUtcNow()) is { } left) return $"inside the daily TWS restart window for another {left:hh\\:mm\\:ss}";
        lock (_gate) return _accepting.Task.IsCompleted ? null : ConnectionDetail ?? "not connected to TWS";
    }

    private async Task<PlaceOrderResponse> SendAsync(PlaceOrderRequest r, CancellationToken ct)
    {
        if (r.Quantity <= 0) return PlaceOrderResponse.Reject(r.ClientOrderRef, "quantity must be positive");
        var action = r.Action == OrderAction.Buy ? TwsAction.Buy : TwsAction.Sell;
        var contract = r.IsCombo ? await ComboAsync(r, ct) : await _contracts.ResolveAsync(_contracts.OrderSymbol(r.Symbol, r.ContractMonth), ContractDetailsAsync, ct);
        var order = (r.Type switch
        {
            OrderType.Market => TwsOrder.Market(action, r.Quantity, r.ClientOrderRef),
            OrderType.Limit when r.LimitPrice is { } lmt => TwsOrder.Limit(action, r.Quantity, lmt, r.ClientOrderRef),
            OrderType.Stop when r.StopPrice is { } stp => TwsOrder.Stop(action, r.Quantity, stp, r.ClientOrderRef),
            _ => throw new IbContractException($"a {r.Type} order needs its price"),
        }) with
        {
            Account = _settings.AccountCode, OutsideRegularTradingHours = r.OutsideRth,
            TimeInForce = r.TimeInForce == TimeInForce.Gtc ? "GTC" : "DAY",
            // OCA type 1: a fill cancels the rest of the group (the protective stop and targets of one position).
            OcaGroup = r.OcaGroup ?? "", OcaType = r.OcaGroup is null ? 0 : 1,
        };
        if (r.Bracket is { } b && !r.IsCombo)
        {
            if (b.TakeProfitPrice is not { } tp || b.StopLossPrice is not { } sl)
                throw new IbContractException("an IB bracket needs both a take-profit and a stop-loss price");
            var bracket = new TwsBracketOrder(order, tp, sl);
            // Registered before sending: the first status may arrive before the call returns.
            var first = await _client.PlaceBracketOrderAsync(contract, bracket, ct, ids =>
            {
                foreach (var (id, child) in bracket.ToOrders(ids))
                    Track(id, child.OrderRef, r.Symbol, child.TotalQuantity, child.Action);
            });
            return PlaceOrderResponse.Accept(r.ClientOrderRef, first.ParentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var orderId = await _client.PlaceOrderAsync(contract, order, ct, id =>
        {
            Track(id, r.ClientOrderRef, r.Symbol, r.Quantity, action, r.IsCombo);
            _sent[r.ClientOrderRef] = (contract, order);
        });
        return PlaceOrderResponse.Accept(r.ClientOrderRef, orderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What was last sent for each single order we placed, so a modify can send it again with its changes.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (TwsContract Contract, TwsOrder Order)> _sent = new();

    /// <summary>Modify by the same order id: PLACE_ORDER again with the new size or price (IB keeps the order's place in the OCA group).</summary>
    public Task<PlaceOrderResponse> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken ct)
    {
        if (!_idsByRef.TryGetValue(request.ClientOrderRef, out var orderId) || !_sent.TryGetValue(request.ClientOrderRef, out var sent))
            return Task.FromResult(PlaceOrderResponse.Reject(request.ClientOrderRef, "no such working order placed by this session"));
        if (request.Quantity is <= 0)
            return Task.FromResult(PlaceOrderResponse.Reject(request.ClientOrderRef, "quantity must be positive"));
        var order = sent.Order with
        {
            TotalQuantity = request.Quantity ?? sent.Order.TotalQuantity,
            LimitPrice = request.LimitPrice ?? sent.Order.LimitPrice,
            AuxPrice = request.StopPrice ?? sent.Order.AuxPrice,
        };
        try
        {
            _modifying[orderId] = _time.GetUtcNow();
            _client.ModifyOrder(orderId, sent.Contract, order);
        }
        catch (TwsNotConnectedException ex)
        {
            return Task.FromResult(PlaceOrderResponse.Reject(request.ClientOrderRef, ex.Message));
        }
        _sent[request.ClientOrderRef] = (sent.Contract, order);
        if (_orders.TryGetValue(orderId, out var placed)) _orders[orderId] = placed with { Quantity = order.TotalQuantity };
        return Task.FromResult(PlaceOrderResponse.Accept(request.ClientOrderRef, orderId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void Track(int orderId, string orderRef, string symbol, decimal quantity, TwsAction action, bool isCombo = false)
    {
        _orders[orderId] = new PlacedOrder(orderRef, symbol, quantity, action, isCombo);
        _idsByRef[orderRef] = orderId;
    }

    private async Task<TwsContract> ComboAsync(PlaceOrderRequest r, CancellationToken ct)
    {
        var legs = new List<TwsComboLeg>();
        foreach (var leg in r.Legs!)
        {
            var c = await _contracts.ResolveAsync(leg.Symbol, ContractDetailsAsync, ct);
            if (c.ConId == 0) throw new IbContractException($"combo leg {leg.Symbol} has no IB contract id (only options are resolved for combos)");
            legs.Add(new TwsComboLeg(c.ConId, leg.Ratio, leg.Action == OrderAction.Buy ? TwsAction.Buy : TwsAction.Sell, "SMART"));
        }
        var root = r.Legs![0].Symbol.StartsWith("SPX", StringComparison.OrdinalIgnoreCase) ? "SPX" : r.Symbol;
        return TwsContract.Combo(root, legs);
    }

    /// <summary>Answers once TWS confirmed or refused the cancel (<c>.Cancels.cs</c>); a held order is simply not sent.</summary>
    public Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct)
    {
        if (_held.TryGetValue(request.ClientOrderRef, out var held))
        {
            held.Cancelled = true;
            return Task.FromResult(new CancelOrderResponse(true, request.ClientOrderRef));
        }
        if (!_idsByRef.TryGetValue(request.ClientOrderRef, out var orderId))
            return Task.FromResult(new CancelOrderResponse(false, request.ClientOrderRef, "no IB order with this reference in this session"));
        return CancelConfirmedAsync(orderId, request.ClientOrderRef, ct);
    }

    public IDisposable Subscribe(Action<BrokerEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    private void Emit(BrokerEvent e)
    {
        foreach (var handler in _handlers) handler(e);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        await _client.DisposeAsync();
        if (_reader is not null) await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_connect is not null) await _connect.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _lifetime.Dispose();
    }

    private sealed record PlacedOrder(string OrderRef, string Symbol, decimal Quantity, TwsAction Action, bool IsCombo = false);

    /// <summary>Our symbol for a fill: a combo's executions are its legs', each under its own contract.</summary>
    private string SymbolOf(ExecutionDataMessage e) =>
        _orders.TryGetValue(e.OrderId, out var placed) && !placed.IsCombo ? placed.Symbol : _contracts.ToSymbol(e.Contract);

    private sealed record HeldOrder(PlaceOrderRequest Request, DateTimeOffset Since)
    {
        public volatile bool Cancelled;
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
