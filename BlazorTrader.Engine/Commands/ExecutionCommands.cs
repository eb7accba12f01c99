using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Engine.Commands;

/// <summary>Marks the commands <see cref="Execution.ExecutionDispatcher"/> handles (orders, accounts, brokers, paper venue).</summary>
public interface IExecutionCommand;

/// <summary>
/// What a broker (or the paper venue) reported or asked the book to record. The engine commits the reports queued
/// together in one transaction (group commit) and acts on them (protection, strategies, answers) once it is committed.
/// </summary>
public interface IBrokerReport : IExecutionCommand;

/// <summary>
/// An order for one account, from a person (manual), a scheduled job or a flatten. <see cref="IdempotencyKey"/>
/// decides duplicates: manual = the request id created when the button was rendered; scheduled = strategy + trading day + action.
/// </summary>
public sealed record OrderTicket(
    long AccountId, string Ticker, OrderAction Action, decimal Quantity, OrderType Type, string IdempotencyKey, string Source,
    decimal? LimitPrice = null, decimal? StopPrice = null, decimal? ReferencePrice = null, Bracket? Bracket = null,
    IReadOnlyList<ComboLeg>? Legs = null);

public enum PlaceOrderStatus { Accepted, Duplicate, Denied, Invalid }

public sealed record PlaceOrderOutcome(PlaceOrderStatus Status, long? IntentId = null, string? Reason = null);

public sealed record PlaceOrder(OrderTicket Ticket) : EngineRequest<PlaceOrderOutcome>, IExecutionCommand;

public enum ClosePositionStatus { Accepted, Duplicate, NotFound, AlreadyClosed, NoPrice }

public sealed record ClosePositionOutcome(ClosePositionStatus Status, long? SignalId = null, IReadOnlyList<long>? IntentIds = null, string? Reason = null);

/// <summary>Closes one recorder position on the book, exit reason "manual close" (and, through copy trading, the linked accounts' share of it).</summary>
public sealed record ClosePosition(long PositionId, string RequestId) : EngineRequest<ClosePositionOutcome>, IExecutionCommand;

/// <summary>
/// Closes one account's booked position in a symbol at market: its open orders in that symbol are cancelled first, then the
/// closing order (key <c>close:{RequestId}:acct:{AccountId}:{Symbol}</c>, source "manual close") goes once they are done.
/// </summary>
public sealed record CloseAccountPosition(long AccountId, string Symbol, string RequestId) : EngineRequest<ClosePositionOutcome>, IExecutionCommand;

public enum RollPositionStatus { Rolled, Duplicate, NotFound, NotOpen, NotDue, Blocked }

/// <param name="From">The dated contract closed (MNQZ2026); <paramref name="To"/> the one opened (MNQH2027).</param>
public sealed record RollPositionOutcome(RollPositionStatus Status, string? From = null, string? To = null, long? OpenedPositionId = null,
    IReadOnlyList<long>? IntentIds = null, string? Reason = null);

/// <summary>
/// Rolls one recorder position on a continuous future that is due (<c>GET /api/rolls</c>): closes it in its month and opens
/// the same side and size in the next, with the same stop and targets; each linked account closes its contracts in the old
/// month and buys or sells them in the new one. One roll per position and month pair: a repeat answers "duplicate".
/// </summary>
public sealed record RollPosition(long PositionId) : EngineRequest<RollPositionOutcome>, IExecutionCommand;

public enum CancelOrderStatus { Sent, NotOpen, NotFound }

public sealed record CancelOrderOutcome(CancelOrderStatus Status, string? Reason = null);

/// <summary>Asks the broker to cancel one working order (an intent still open); its answer arrives as an order update.</summary>
public sealed record CancelOrder(long IntentId) : EngineRequest<CancelOrderOutcome>, IExecutionCommand;

public sealed record FlattenOutcome(bool Duplicate, int OrdersCancelled, int RecorderPositionsClosed, IReadOnlyList<long> IntentIds);

/// <summary>
/// Cancels every open order, then closes every account position and every recorder position; with <see cref="Kind"/>
/// only those of that instrument class (end-of-day flatten of futures at another time than stocks). A repeat of the key is harmless.
/// <see cref="Reason"/> names the actor and is the closed trades' exit reason ("flatten all", "end of day (future)").
/// </summary>
public sealed record FlattenAll(string IdempotencyKey, string Reason, Instruments.InstrumentKind? Kind = null) : EngineRequest<FlattenOutcome>, IExecutionCommand;

public sealed record KillSwitchState(bool On, string? Reason, DateTime? ChangedAt);

/// <summary>The kill switch as its readers see it (pages, endpoints); only the engine changes it (<see cref="SetKillSwitch"/>).</summary>
public interface IKillSwitchStatus
{
    KillSwitchState State { get; }
}

/// <summary>
/// While on, no new entries anywhere; exits still go out. With <see cref="FlattenKey"/> (turning on only) everything is
/// also flattened on the same turn of the loop, the trades' exit reason "kill switch"; a repeat of the key flattens nothing.
/// </summary>
public sealed record SetKillSwitch(bool On, string? Reason, string? FlattenKey = null) : EngineRequest<KillSwitchState>, IExecutionCommand;

public sealed record AccountDraft(string Name, BrokerKind Broker, bool Enabled, IReadOnlyDictionary<string, string>? Settings, RiskLimitSettings? Limits);

public sealed record CreateAccount(AccountDraft Draft) : EngineRequest<long>, IExecutionCommand;

/// <summary>Settings null keeps the stored ones (a client never sees a real account's secrets, so it cannot send them back).</summary>
public sealed record UpdateAccount(long Id, AccountDraft Draft) : EngineRequest<bool>, IExecutionCommand;

/// <summary>Answers null when deleted, else why not ("not found", or orders/positions still open).</summary>
public sealed record DeleteAccount(long Id) : EngineRequest<DeleteAccountRefusal?>, IExecutionCommand;

public sealed record DeleteAccountRefusal(bool NotFound, string Reason);

public sealed record SetRecorderLimits(long RecorderId, decimal? MaxDailyLoss, decimal? MaxPositionSize) : EngineRequest<bool>, IExecutionCommand;

public sealed record ReconcileOutcome(int IntentsChecked, int IntentsChanged);

/// <summary>
/// Matches open intents older than <see cref="MinimumAge"/> with their brokers (a scheduled job, or a person after a
/// connection loss). Younger ones may still be on their way to the broker and are left alone.
/// </summary>
public sealed record ReconcileOrders(TimeSpan MinimumAge) : EngineRequest<ReconcileOutcome>, IExecutionCommand
{
    /// <summary>How long a broker may take to answer a placement before the submitter calls it unknown.</summary>
    public static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The scheduled check: intents twice the submit timeout old cannot still be on their way.</summary>
    public static ReconcileOrders Scheduled() => new(SubmitTimeout * 2);
}

/// <summary>The trader's "sync account to recorder": the account is moved to its recorders' positions, entries included.</summary>
public sealed record SyncAccountToRecorders(long AccountId) : EngineRequest<AccountSyncOutcome>, IExecutionCommand;

public sealed record AccountSyncOutcome(IReadOnlyList<long> IntentIds, int Reported);

/// <summary>The off-loop submission finished: the broker's answer, or null when it is unknown (timeout, connection lost).</summary>
public sealed record BrokerSubmissionCompleted(long IntentId, PlaceOrderResponse? Response, string? Error) : EngineCommand, IBrokerReport;

/// <summary>A broker reported an order's state; cumulative, so a repeat changes nothing.</summary>
public sealed record BrokerOrderUpdated(OrderStatusReported Report) : EngineCommand, IBrokerReport;

/// <summary>A broker reported one execution; only combo legs move the book from these (single orders use the cumulative status).</summary>
public sealed record BrokerExecutionReceived(long AccountId, BrokerExecution Execution) : EngineCommand, IBrokerReport;

/// <summary>The paper venue received an order (sent by <see cref="Execution.Paper.PaperBroker"/>, handled on the loop).</summary>
public sealed record PaperOrderReceived(long AccountId, PlaceOrderRequest Request) : EngineRequest<PlaceOrderResponse>, IBrokerReport;

public sealed record PaperCancelReceived(long AccountId, string ClientOrderRef) : EngineRequest<CancelOrderResponse>, IBrokerReport;

/// <summary>A new size or price for a working paper order (a protective stop or target that moved), by its client reference.</summary>
public sealed record PaperModifyReceived(long AccountId, ModifyOrderRequest Request) : EngineRequest<PlaceOrderResponse>, IBrokerReport;

/// <summary>Time to look at the paper account's working orders (latency elapsed, or the periodic check for resting orders).</summary>
public sealed record PaperFillDue(long AccountId) : EngineCommand, IBrokerReport;

/// <summary>Where to send a person to let this account's broker grant access (OAuth authorization-code flow), or why not.</summary>
public sealed record BrokerOAuthStart(string? AuthorizeUrl, string? Error);

/// <summary>Builds the broker's authorization URL for an account; <see cref="State"/> comes back on the callback unchanged.</summary>
public sealed record StartBrokerOAuth(long AccountId, string RedirectUri, string State) : EngineRequest<BrokerOAuthStart>, IExecutionCommand;

public sealed record BrokerOAuthResult(bool Connected, string Detail, IReadOnlyList<long> AccountIds);

/// <summary>Exchanges the callback's single-use code for a token and stores it (encrypted) on the account and on the other
/// accounts of the same login; the brokers reconnect with it.</summary>
public sealed record CompleteBrokerOAuth(long AccountId, string Code, string RedirectUri) : EngineRequest<BrokerOAuthResult>, IExecutionCommand;

/// <summary>The broker refused to change a working order (IB 10326); the protection keeper cancels and replaces it.</summary>
public sealed record BrokerModifyRefused(long AccountId, string ClientOrderRef, string Reason) : EngineCommand, IExecutionCommand;

/// <param name="Skipped">Why an account was not checked (not connected, open orders unavailable, its broker rests nothing).</param>
public sealed record ProtectionCheckOutcome(int PositionsChecked, int Placed, int Modified, int Cancelled, IReadOnlyList<string>? Skipped = null);

/// <summary>Every open copied account position against its resting protective orders at the broker: the missing are placed,
/// the orphaned cancelled, the different corrected (every 15 minutes, on each reconnect, and at start). With
/// <see cref="AccountId"/>, only that account ("place missing protection" on the Accounts page).</summary>
public sealed record CheckProtection(long? AccountId = null) : EngineRequest<ProtectionCheckOutcome>, IExecutionCommand;
