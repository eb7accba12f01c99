using System.Collections.Immutable;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// The simulated broker of one paper account. Its book (orders, executions, positions, cash) lives in the
/// database and is changed only by <see cref="PaperVenue"/> on the engine loop: placing and cancelling are
/// posted to the engine, and timers post <see cref="PaperFillDue"/> when latency has elapsed or resting orders need a look.
/// </summary>
internal sealed class PaperBroker : IBroker
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan RestingCheckInterval = TimeSpan.FromMilliseconds(250);

    private readonly EngineInbox _inbox;
    private readonly IDbContextFactory<TradingDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private ImmutableArray<Action<BrokerEvent>> _handlers = [];
    private ITimer? _restingTimer;
    private int _restingOrders;
    private int _fillDueQueued;

    public PaperBroker(BrokerAccount account, EngineInbox inbox, IDbContextFactory<TradingDbContext> dbFactory, TimeProvider time)
    {
        AccountId = account.Id;
        Settings = PaperSettings.From(account.Settings);
        _inbox = inbox;
        _dbFactory = dbFactory;
        _time = time;
    }

    public long AccountId { get; }

    public PaperSettings Settings { get; }

    public BrokerConnectionState ConnectionState { get; private set; } = BrokerConnectionState.Disconnected;

    public async Task ConnectAsync(CancellationToken ct)
    {
        ConnectionState = BrokerConnectionState.Connected;
        _restingTimer ??= _time.CreateTimer(_ => CheckResting(), null, RestingCheckInterval, RestingCheckInterval);
        // Orders left working by the previous run resume: the venue looks at them once the loop runs.
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        SetRestingOrders(await db.PaperOrders.CountAsync(o => o.AccountId == AccountId && o.Status == PaperOrderStatus.Working, ct));
        _inbox.Post(new PaperFillDue(AccountId));
    }

    public async Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct) =>
        await _inbox.Engine.SendAsync(new PaperOrderReceived(AccountId, request), CallTimeout, ct);

    /// <summary>Set per account (<c>restProtection</c>): the venue then holds the stop and targets like a real broker.</summary>
    public bool RestsProtection => Settings.RestProtection;

    public async Task<PlaceOrderResponse> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken ct) =>
        await _inbox.Engine.SendAsync(new PaperModifyReceived(AccountId, request), CallTimeout, ct);

    public async Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct) =>
        await _inbox.Engine.SendAsync(new PaperCancelReceived(AccountId, request.ClientOrderRef), CallTimeout, ct);

    public async Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var open = await db.PaperOrders.AsNoTracking()
            .Where(o => o.AccountId == AccountId && (o.Status == PaperOrderStatus.Working || o.Status == PaperOrderStatus.Held))
            .ToListAsync(ct);
        return [.. open.Select(ToBrokerOrder)];
    }

    public async Task<IReadOnlyList<BrokerExecution>> GetExecutionsAsync(DateTime sinceUtc, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PaperExecutions.AsNoTracking().Where(e => e.AccountId == AccountId && e.At >= sinceUtc).OrderBy(e => e.Id).ToListAsync(ct);
        return [.. rows.Select(e => new BrokerExecution($"PX{e.Id}", e.ClientOrderRef, $"P{e.PaperOrderId}", e.Symbol, e.Action, e.Quantity, e.Price, e.At))];
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PaperPositions.AsNoTracking().Where(p => p.AccountId == AccountId && p.Quantity != 0).OrderBy(p => p.Symbol).ToListAsync(ct);
        return [.. rows.Select(p => new BrokerPosition(p.Symbol, p.Quantity, p.AvgPrice))];
    }

    public async Task<AccountSummary> GetAccountSummaryAsync(CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var cash = await db.PaperAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.AccountId == AccountId, ct);
        var amount = cash?.Cash ?? Settings.StartingCash;
        return new AccountSummary(AccountId, "USD", amount, cash?.RealizedPnl ?? 0, amount);
    }

    public IDisposable Subscribe(Action<BrokerEvent> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, h => h.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _handlers, h => h.Remove(handler)));
    }

    /// <summary>Called by the venue on the engine loop after its changes are committed.</summary>
    internal void Raise(BrokerEvent e)
    {
        foreach (var handler in _handlers) handler(e);
    }

    /// <summary>Latency: look again once <paramref name="due"/> has passed.</summary>
    internal void WakeAt(DateTime due)
    {
        var wait = due - _time.GetUtcNow().UtcDateTime;
        if (wait <= TimeSpan.Zero) { PostFillDue(); return; }
        ITimer? timer = null;
        timer = _time.CreateTimer(_ => { PostFillDue(); timer?.Dispose(); }, null, wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// One look is queued at a time: a look fills every order due by then, so a second one queued behind it would find
    /// nothing (a storm of orders accepted together is one look per account, not one per order).
    /// </summary>
    private void PostFillDue()
    {
        if (Interlocked.Exchange(ref _fillDueQueued, 1) == 0) _inbox.Post(new PaperFillDue(AccountId));
    }

    /// <summary>The engine took the queued look: what is due from now on needs a new one.</summary>
    internal void FillDueTaken() => Volatile.Write(ref _fillDueQueued, 0);

    internal void SetRestingOrders(int count) => Volatile.Write(ref _restingOrders, count);

    private void CheckResting()
    {
        if (Volatile.Read(ref _restingOrders) > 0) _inbox.Post(new PaperFillDue(AccountId));
    }

    internal static BrokerOrder ToBrokerOrder(PaperOrderEntity o) => new(o.ClientOrderRef, $"P{o.Id}", o.Symbol, o.Action, o.Quantity, o.Type,
        o.Status switch
        {
            PaperOrderStatus.Filled => BrokerOrderStatus.Filled,
            PaperOrderStatus.Cancelled => BrokerOrderStatus.Cancelled,
            PaperOrderStatus.Rejected => BrokerOrderStatus.Rejected,
            _ => o.FilledQuantity > 0 ? BrokerOrderStatus.PartiallyFilled : BrokerOrderStatus.Working,
        }, o.FilledQuantity, o.AvgFillPrice);

    public ValueTask DisposeAsync()
    {
        _restingTimer?.Dispose();
        ConnectionState = BrokerConnectionState.Disconnected;
        return ValueTask.CompletedTask;
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
