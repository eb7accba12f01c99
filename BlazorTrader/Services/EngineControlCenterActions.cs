using BlazorTrader.Engine;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Services;

/// <summary>
/// The control center's trading buttons as engine commands (PlaceOrder, ClosePosition, FlattenAll, SetKillSwitch),
/// the same ones the REST API sends; every answer is turned into a sentence for the snackbar.
/// </summary>
public sealed class EngineControlCenterActions(ITradingEngine engine, IKillSwitchStatus killSwitch, InstrumentCatalog instruments,
    IDbContextFactory<TradingDbContext> dbFactory, PriceCache prices, EngineEventHub events, TimeProvider time) : IControlCenterActions
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);
    private const string Unknown = "The engine did not answer in time; the command may still run. Check the positions before you retry (a retry of the same button is harmless).";

    public bool IsAvailable => true;

    public string UnavailableReason => "";

    public bool? KillSwitchEngaged => killSwitch.State.On;

    public async Task<IReadOnlyList<TradingAccount>> AccountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().OrderByDescending(a => a.Enabled).ThenBy(a => a.Id).ToListAsync(ct);
        return accounts.Select(a => new TradingAccount(a.Id, a.Name, a.Broker.ToString(), a.Enabled)).ToList();
    }

    /// <summary>How long the panel waits for the broker's first answer before it says "accepted, waiting for the broker".</summary>
    public static readonly TimeSpan BrokerAnswerWait = TimeSpan.FromSeconds(3);

    public async Task<ControlActionResult> PlaceOrderAsync(ManualOrderRequest order, CancellationToken ct = default)
    {
        var accounts = await AccountsAsync(ct);
        if (Check(order, accounts) is { } invalid) return ControlActionResult.Failed(invalid);
        instruments.TryParse(order.Ticker, out var ticker, out _);
        var type = Enum.Parse<OrderType>(order.Type, ignoreCase: true);
        var action = order.Side.Equals("sell", StringComparison.OrdinalIgnoreCase) ? OrderAction.Sell : OrderAction.Buy;
        var account = Target(order, accounts)!;

        var ticket = new OrderTicket(account.Id, ticker.Symbol, action, order.Quantity, type, order.RequestId, "manual",
            LimitPrice: order.LimitPrice, ReferencePrice: order.LimitPrice);
        var what = $"{action.ToString().ToLowerInvariant()} {order.Quantity:0} {ticker.Symbol} on {account.Name}";
        // Listen before sending: the broker's first answer may come before the engine's reply.
        var answers = new IntentAnswers(account.Id);
        using var subscription = events.Subscribe(answers.Observe);
        try
        {
            var outcome = await engine.SendAsync(new PlaceOrder(ticket), EngineTimeout, ct);
            return outcome.Status switch
            {
                PlaceOrderStatus.Accepted => await BrokerAnsweredAsync(answers, outcome.IntentId, what, ct),
                PlaceOrderStatus.Duplicate => ControlActionResult.Ok($"Already sent: {what} (order {outcome.IntentId}); not sent twice."),
                PlaceOrderStatus.Denied => ControlActionResult.Failed($"Order blocked: {outcome.Reason}"),
                _ => ControlActionResult.Failed($"Order refused: {outcome.Reason}"),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    /// <summary>
    /// What the panel can tell before sending: the ticker parses, the order is complete, the account exists and can price it
    /// (the paper broker fills a market order at the last price, so it needs one).
    /// </summary>
    public string? Check(ManualOrderRequest order, IReadOnlyList<TradingAccount> accounts)
    {
        if (!instruments.TryParse(order.Ticker, out var ticker, out var tickerError)) return tickerError;
        if (order.Quantity <= 0 || order.Quantity != decimal.Truncate(order.Quantity)) return "The quantity must be a positive whole number of contracts.";
        if (!Enum.TryParse<OrderType>(order.Type, ignoreCase: true, out var type)) return $"Unknown order type '{order.Type}'.";
        if (type == OrderType.Limit && order.LimitPrice is not > 0) return "A limit order needs a positive limit price.";
        if (Target(order, accounts) is not { } account)
            return order.AccountId is null ? "There is no enabled account to send the order to." : "That account no longer exists.";
        if (!account.Enabled) return $"{account.Name} is disabled; enable it on the Accounts page first.";
        if (type == OrderType.Market && account.Broker == nameof(BrokerKind.Paper) && !prices.TryGet(ticker.Symbol, out _))
            return $"There is no live price for {ticker.Symbol} yet, so {account.Name} cannot fill a market order. Use a limit order, or wait for the feed to quote it (add it to MarketData:WatchSymbols to keep it quoted).";
        return null;
    }

    private static TradingAccount? Target(ManualOrderRequest order, IReadOnlyList<TradingAccount> accounts) => order.AccountId is { } id
        ? accounts.FirstOrDefault(a => a.Id == id)
        : accounts.FirstOrDefault(a => a.Enabled);

    // "Sent" only once the broker took the order (or filled it); a rejection is said as one, with the broker's reason.
    private async Task<ControlActionResult> BrokerAnsweredAsync(IntentAnswers answers, long? intentId, string what, CancellationToken ct)
    {
        if (intentId is not { } id) return ControlActionResult.Ok($"Accepted by the engine: {what}.");
        try
        {
            var intent = await answers.For(id).WaitAsync(BrokerAnswerWait, time, ct);
            return intent.Status switch
            {
                "Filled" => ControlActionResult.Ok($"Filled: {what} at {intent.AvgFillPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture)} (order {id})."),
                "Rejected" => ControlActionResult.Failed($"Rejected: {what}: {intent.Reason}"),
                "Cancelled" => ControlActionResult.Failed($"Cancelled: {what}{(intent.Reason is { } r ? $": {r}" : "")}"),
                _ => ControlActionResult.Ok($"Order sent: {what} (order {id}, working at the broker)."),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Ok($"Accepted: {what} (order {id}); the broker has not answered yet, see Accounts.");
        }
    }

    /// <summary>Collects an account's intent changes on the engine's thread; hands the first broker answer for an intent to the waiting caller.</summary>
    private sealed class IntentAnswers(long accountId)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, TaskCompletionSource<OrderIntentSnapshot>> _answers = new();

        public void Observe(EngineEvent e)
        {
            if (e is not OrderIntentChanged { Intent: var i } || i.AccountId != accountId || i.Status is "Pending") return;
            Slot(i.Id).TrySetResult(i);
        }

        public Task<OrderIntentSnapshot> For(long intentId) => Slot(intentId).Task;

        private TaskCompletionSource<OrderIntentSnapshot> Slot(long id) =>
            _answers.GetOrAdd(id, _ => new TaskCompletionSource<OrderIntentSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    public async Task<ControlActionResult> ClosePositionAsync(long positionId, string requestId, CancellationToken ct = default)
    {
        try
        {
            var outcome = await engine.SendAsync(new ClosePosition(positionId, requestId), EngineTimeout, ct);
            return outcome.Status switch
            {
                ClosePositionStatus.Accepted => ControlActionResult.Ok("Position closed."),
                ClosePositionStatus.Duplicate => ControlActionResult.Ok("That close was already sent."),
                ClosePositionStatus.AlreadyClosed => ControlActionResult.Ok("The position is already closed."),
                ClosePositionStatus.NoPrice => ControlActionResult.Failed($"Cannot close yet: {outcome.Reason ?? "no market price for the ticker"}."),
                _ => ControlActionResult.Failed(outcome.Reason ?? "The position was not found."),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> RollPositionAsync(long positionId, CancellationToken ct = default)
    {
        try
        {
            var outcome = await engine.SendAsync(new RollPosition(positionId), EngineTimeout, ct);
            return outcome.Status switch
            {
                RollPositionStatus.Rolled => ControlActionResult.Ok($"Rolled from {outcome.From} to {outcome.To}: {outcome.IntentIds?.Count ?? 0} account order(s) sent."),
                RollPositionStatus.Duplicate => ControlActionResult.Ok("That roll was already done."),
                _ => ControlActionResult.Failed($"Not rolled: {outcome.Reason}."),
            };
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> CloseAccountPositionAsync(long accountId, string symbol, string requestId, CancellationToken ct = default)
    {
        try
        {
            var outcome = await engine.SendAsync(new CloseAccountPosition(accountId, symbol, requestId), EngineTimeout, ct);
            return outcome.Status switch
            {
                ClosePositionStatus.Accepted => ControlActionResult.Ok($"Closing {symbol}: order {outcome.IntentIds?.FirstOrDefault()} sent at market."),
                ClosePositionStatus.Duplicate => ControlActionResult.Ok("That close was already sent."),
                ClosePositionStatus.AlreadyClosed => ControlActionResult.Ok($"The account no longer holds {symbol}."),
                _ => ControlActionResult.Failed(outcome.Reason ?? "The account was not found."),
            };
        }
        catch (TimeoutException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> CancelOrderAsync(long intentId, CancellationToken ct = default)
    {
        try
        {
            var outcome = await engine.SendAsync(new CancelOrder(intentId), EngineTimeout, ct);
            return outcome.Status == CancelOrderStatus.Sent
                ? ControlActionResult.Ok($"Cancel of order {intentId} sent to the broker.")
                : ControlActionResult.Failed($"Order {intentId} not cancelled: {outcome.Reason}.");
        }
        catch (TimeoutException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> FlattenAllAsync(string requestId, CancellationToken ct = default)
    {
        try
        {
            var outcome = await engine.SendAsync(new FlattenAll(requestId, "flatten all"), EngineTimeout, ct);
            return outcome.Duplicate
                ? ControlActionResult.Ok("That flatten was already sent.")
                : ControlActionResult.Ok($"Flattened: {outcome.RecorderPositionsClosed} recorder positions closed, {outcome.OrdersCancelled} orders cancelled, {outcome.IntentIds.Count} closing orders sent.");
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> SetKillSwitchAsync(bool engaged, string requestId, CancellationToken ct = default)
    {
        try
        {
            var state = await engine.SendAsync(new SetKillSwitch(engaged, engaged ? "kill switch (control center)" : "released (control center)",
                engaged ? requestId : null), EngineTimeout, ct);
            return ControlActionResult.Ok(state.On ? "Kill switch on: no new entries anywhere; exits still go out." : "Kill switch released.");
        }
        catch (Exception ex) when (ex is TimeoutException or LeadershipLostException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }
}
