using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Services;

/// <summary>
/// The control center's trading buttons as engine commands (PlaceOrder, ClosePosition, FlattenAll, SetKillSwitch),
/// the same ones the REST API sends; every answer is turned into a sentence for the snackbar.
/// </summary>
public sealed class EngineControlCenterActions(ITradingEngine engine, KillSwitch killSwitch, InstrumentCatalog instruments,
    IDbContextFactory<TradingDbContext> dbFactory) : IControlCenterActions
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);
    private const string Unknown = "The engine did not answer in time; the command may still run. Check the positions before you retry (a retry of the same button is harmless).";

    public bool IsAvailable => true;

    public string UnavailableReason => "";

    public bool? KillSwitchEngaged => killSwitch.IsOn;

    public async Task<IReadOnlyList<TradingAccount>> AccountsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var accounts = await db.Accounts.AsNoTracking().OrderByDescending(a => a.Enabled).ThenBy(a => a.Id).ToListAsync(ct);
        return accounts.Select(a => new TradingAccount(a.Id, a.Name, a.Broker.ToString(), a.Enabled)).ToList();
    }

    public async Task<ControlActionResult> PlaceOrderAsync(ManualOrderRequest order, CancellationToken ct = default)
    {
        if (!instruments.TryParse(order.Ticker, out var ticker, out var tickerError)) return ControlActionResult.Failed(tickerError);
        if (order.Quantity <= 0 || order.Quantity != decimal.Truncate(order.Quantity)) return ControlActionResult.Failed("The quantity must be a positive whole number of contracts.");
        if (!Enum.TryParse<OrderType>(order.Type, ignoreCase: true, out var type)) return ControlActionResult.Failed($"Unknown order type '{order.Type}'.");
        if (type == OrderType.Limit && order.LimitPrice is not > 0) return ControlActionResult.Failed("A limit order needs a positive limit price.");
        var action = order.Side.Equals("sell", StringComparison.OrdinalIgnoreCase) ? OrderAction.Sell : OrderAction.Buy;
        var accountId = order.AccountId ?? (await AccountsAsync(ct)).FirstOrDefault(a => a.Enabled)?.Id;
        if (accountId is null) return ControlActionResult.Failed("There is no enabled account to send the order to.");

        var ticket = new OrderTicket(accountId.Value, ticker.Symbol, action, order.Quantity, type, order.RequestId, "manual",
            LimitPrice: order.LimitPrice, ReferencePrice: order.LimitPrice);
        try
        {
            var outcome = await engine.SendAsync(new PlaceOrder(ticket), EngineTimeout, ct);
            var what = $"{action.ToString().ToLowerInvariant()} {order.Quantity:0} {ticker.Symbol}";
            return outcome.Status switch
            {
                PlaceOrderStatus.Accepted => ControlActionResult.Ok($"Order sent: {what} (intent {outcome.IntentId})."),
                PlaceOrderStatus.Duplicate => ControlActionResult.Ok($"Already sent: {what} (intent {outcome.IntentId}); not sent twice."),
                PlaceOrderStatus.Denied => ControlActionResult.Failed($"Order blocked: {outcome.Reason}"),
                _ => ControlActionResult.Failed($"Order refused: {outcome.Reason}"),
            };
        }
        catch (TimeoutException)
        {
            return ControlActionResult.Failed(Unknown);
        }
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
        catch (TimeoutException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> FlattenAllAsync(string requestId, CancellationToken ct = default)
    {
        try
        {
            var outcome = await engine.SendAsync(new FlattenAll(requestId, "flatten all (control center)"), EngineTimeout, ct);
            return outcome.Duplicate
                ? ControlActionResult.Ok("That flatten was already sent.")
                : ControlActionResult.Ok($"Flattened: {outcome.RecorderPositionsClosed} recorder positions closed, {outcome.OrdersCancelled} orders cancelled, {outcome.IntentIds.Count} closing orders sent.");
        }
        catch (TimeoutException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }

    public async Task<ControlActionResult> SetKillSwitchAsync(bool engaged, string requestId, CancellationToken ct = default)
    {
        try
        {
            var state = await engine.SendAsync(new SetKillSwitch(engaged, engaged ? "kill switch (control center)" : "released (control center)"), EngineTimeout, ct);
            return ControlActionResult.Ok(state.On ? "Kill switch on: no new entries anywhere; exits still go out." : "Kill switch released.");
        }
        catch (TimeoutException)
        {
            return ControlActionResult.Failed(Unknown);
        }
    }
}
