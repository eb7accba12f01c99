namespace BlazorTrader.Services;

/// <summary>A manual order from the control center (docs/api.md POST /api/orders); a null account means the default (paper) account.</summary>
public sealed record ManualOrderRequest(long? AccountId, string Ticker, string Side, decimal Quantity, string Type, decimal? LimitPrice, string RequestId);

/// <summary>A broker account manual orders can go to.</summary>
public sealed record TradingAccount(long Id, string Name, string Broker, bool Enabled);

/// <summary>What an action did, in words a trader can act on.</summary>
public sealed record ControlActionResult(bool Succeeded, string Message)
{
    public static ControlActionResult Ok(string message) => new(true, message);
    public static ControlActionResult Failed(string message) => new(false, message);
}

/// <summary>
/// The control center's trading buttons: manual order, close one position (a recorder's or an account's), cancel an order,
/// flatten all, kill switch.
/// Each implementation sends engine commands (the UI never writes trading state itself). The request id
/// is created when the button is rendered, so a double click or a resend is one order (docs/design.md).
/// </summary>
public interface IControlCenterActions
{
    /// <summary>False until order execution is wired; the UI then shows the panel disabled with <see cref="UnavailableReason"/>.</summary>
    bool IsAvailable { get; }

    string UnavailableReason { get; }

    Task<ControlActionResult> PlaceOrderAsync(ManualOrderRequest order, CancellationToken ct = default);

    Task<ControlActionResult> ClosePositionAsync(long positionId, string requestId, CancellationToken ct = default);

    /// <summary>Rolls a due futures position to the next month (closes the held month, opens the same size in the next).</summary>
    Task<ControlActionResult> RollPositionAsync(long positionId, CancellationToken ct = default);

    /// <summary>Closes an account's booked position in one symbol at market (its open orders there are cancelled first).</summary>
    Task<ControlActionResult> CloseAccountPositionAsync(long accountId, string symbol, string requestId, CancellationToken ct = default);

    /// <summary>Asks the broker to cancel one working order.</summary>
    Task<ControlActionResult> CancelOrderAsync(long intentId, CancellationToken ct = default);

    Task<ControlActionResult> FlattenAllAsync(string requestId, CancellationToken ct = default);

    /// <summary>Engaged: flatten everything and refuse new entries until released.</summary>
    Task<ControlActionResult> SetKillSwitchAsync(bool engaged, string requestId, CancellationToken ct = default);

    /// <summary>Whether the kill switch is on; null when unknown (execution not wired).</summary>
    bool? KillSwitchEngaged { get; }

    /// <summary>Accounts for the manual order panel, enabled first.</summary>
    Task<IReadOnlyList<TradingAccount>> AccountsAsync(CancellationToken ct = default);
}
