using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Accounts;

/// <summary>
/// Read-only questions to an account's broker, for endpoints, pages and jobs; nothing here changes trading state (that goes
/// through engine commands), so its callers need no Execution type.
/// </summary>
public sealed class AccountQueries
{
    private readonly BrokerRegistry _brokers;

    internal AccountQueries(BrokerRegistry brokers) => _brokers = brokers;

    /// <summary>The broker's positions, or null when the account has no connected broker (disabled or unknown).</summary>
    public async Task<IReadOnlyList<BrokerPosition>?> PositionsAsync(long accountId, CancellationToken ct) =>
        _brokers.TryGet(accountId, out var broker) ? await broker.GetPositionsAsync(ct) : null;

    public async Task<AccountSummary?> SummaryAsync(long accountId, CancellationToken ct) =>
        _brokers.TryGet(accountId, out var broker) ? await broker.GetAccountSummaryAsync(ct) : null;

    public string? ConnectionDetail(long accountId) => _brokers.TryGet(accountId, out var broker) ? broker.ConnectionDetail : null;

    public async Task<BrokerConnectionTest?> TestConnectionAsync(long accountId, CancellationToken ct) =>
        _brokers.TryGet(accountId, out var broker) ? await broker.TestConnectionAsync(ct) : null;

    public BrokerConnectionState ConnectionState(long accountId) =>
        _brokers.TryGet(accountId, out var broker) ? broker.ConnectionState : BrokerConnectionState.Disconnected;
}
