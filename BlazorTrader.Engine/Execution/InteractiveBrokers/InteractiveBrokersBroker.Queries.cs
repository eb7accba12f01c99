using BlazorTrader.Engine.Execution.Brokers;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Questions to TWS, answered through the one message reader. One at a time: open orders and positions carry no request id.</summary>
internal sealed partial class InteractiveBrokersBroker
{
    private readonly SemaphoreSlim _queries = new(1, 1);

    public async Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken ct)
    {
        var open = await RequestOpenOrdersAsync(ct);
        return [.. open.Where(o => o.OrderRef.Length > 0).Select(o =>
        {
            var status = _lastStatus.GetValueOrDefault(o.OrderId);
            var filled = status?.Filled ?? 0;
            return new BrokerOrder(o.OrderRef, Id(o.OrderId), _contracts.ToSymbol(o.Contract), o.Action == "BUY" ? OrderAction.Buy : OrderAction.Sell,
                o.TotalQuantity, o.OrderType switch { "LMT" => OrderType.Limit, "STP" => OrderType.Stop, _ => OrderType.Market },
                filled > 0 ? BrokerOrderStatus.PartiallyFilled : BrokerOrderStatus.Working, filled, filled > 0 ? status!.AverageFillPrice : null,
                LimitPrice: o.OrderType == "LMT" ? o.LimitPrice : null, StopPrice: o.OrderType == "STP" ? o.AuxPrice : null,
                OcaGroup: o.OcaGroup.Length > 0 ? o.OcaGroup : null);
        })];
    }

    /// <summary>Every execution IB still has (it keeps them only since midnight). Not filtered by <paramref name="sinceUtc"/>:
    /// TWS writes times in its own local zone, and dropping a real fill over a zone mistake would cancel a filled intent.</summary>
    public async Task<IReadOnlyList<BrokerExecution>> GetExecutionsAsync(DateTime sinceUtc, CancellationToken ct)
    {
        var (executions, _) = await RequestExecutionsAsync(ct);
        return [.. executions.Where(e => e.OrderRef.Length > 0)
            .Select(e => ToExecution(e, SymbolOf(e), e.Side == "BOT" ? OrderAction.Buy : OrderAction.Sell))];
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct)
    {
        var positions = await RequestPositionsAsync(ct);
        return [.. positions.Where(p => p.Position != 0 && (_settings.AccountCode.Length == 0 || p.Account == _settings.AccountCode)).Select(p =>
        {
            // IB's average cost includes the multiplier (futures, options); the book keeps prices.
            var multiplier = decimal.TryParse(p.Contract.Multiplier, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 1;
            return new BrokerPosition(_contracts.ToSymbol(p.Contract), p.Position, (p.AverageCost ?? 0) / multiplier);
        })];
    }

    /// <summary>Cash and net liquidation from REQ_ACCOUNT_SUMMARY; realized P&amp;L is today's, summed from the commission
    /// reports this session saw (the account summary has no realized figure).</summary>
    public async Task<AccountSummary> GetAccountSummaryAsync(CancellationToken ct)
    {
        var requestId = 0;
        var all = await QueryAsync(false, m => m is AccountSummaryMessage, m => m is AccountSummaryEndMessage,
            () => requestId = _client.RequestAccountSummary("NetLiquidation,TotalCashValue"), ct);
        try { _client.CancelAccountSummary(requestId); } catch (TwsNotConnectedException) { }
        var rows = all.Cast<AccountSummaryMessage>().Where(a => _settings.AccountCode.Length == 0 || a.Account == _settings.AccountCode).ToList();
        decimal Value(string tag) => rows.Where(a => a.Tag == tag).Sum(a =>
            decimal.TryParse(a.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0);
        decimal realized;
        lock (_gate) realized = _realized.Values.Sum();
        return new AccountSummary(AccountId, rows.FirstOrDefault(a => a.Currency.Length > 0)?.Currency ?? "USD", Value("TotalCashValue"), realized, Value("NetLiquidation"));
    }

    public Task<BrokerConnectionTest?> TestConnectionAsync(CancellationToken ct) => Task.FromResult<BrokerConnectionTest?>(
        _client.State.HasSession()
            ? new BrokerConnectionTest(true, ConnectionDetail ?? "connected", _client.ServerVersion, _client.ManagedAccounts)
            : new BrokerConnectionTest(false, ConnectionDetail ?? $"not connected to {_settings.Host}:{_settings.Port}", null, []));

    private async Task<List<OpenOrderMessage>> RequestOpenOrdersAsync(CancellationToken ct) =>
        await QueryAsync(false, m => m is OpenOrderMessage o && o.ClientId == _client.ClientId, m => m is OpenOrderEndMessage,
            _client.RequestOpenOrders, ct) is var all ? [.. all.Cast<OpenOrderMessage>()] : [];

    private async Task<(List<ExecutionDataMessage> Executions, List<CommissionReportMessage> Commissions)> RequestExecutionsAsync(CancellationToken ct)
    {
        var all = await QueryAsync(false, m => m is ExecutionDataMessage { RequestId: not -1 } or CommissionReportMessage, m => m is ExecutionDataEndMessage,
            () => _client.RequestExecutions(new TwsExecutionFilter(ClientId: _client.ClientId, Account: _settings.AccountCode)), ct);
        var commissions = all.OfType<CommissionReportMessage>().ToList();
        lock (_gate)
            foreach (var c in commissions)
            {
                if (c.Commission is { } fee) _commissions[c.ExecId] = fee;
                if (c.RealizedPnl is { } pnl) _realized[c.ExecId] = pnl;
            }
        return (all.OfType<ExecutionDataMessage>().ToList(), commissions);
    }

    private async Task<List<PositionMessage>> RequestPositionsAsync(CancellationToken ct)
    {
        var all = await QueryAsync(false, m => m is PositionMessage, m => m is PositionEndMessage, _client.RequestPositions, ct);
        try { _client.CancelPositions(); } catch (TwsNotConnectedException) { }
        return [.. all.Cast<PositionMessage>()];
    }

    /// <summary>REQ_CONTRACT_DATA: every match (an option's conId, a CONTFUT's front contract, a FUT chain); TWS answers error 200 when there is none.</summary>
    private async Task<IReadOnlyList<ContractDataMessage>> ContractDetailsAsync(TwsContract query, CancellationToken ct) =>
        [.. (await QueryAsync(true, m => m is ContractDataMessage, m => m is ContractDataEndMessage, () => _client.RequestContractDetails(query), ct))
            .OfType<ContractDataMessage>()];

    /// <summary>Registers the collector, sends, waits. Answers are matched by kind, not request id: the id is only known after
    /// sending, when the answer may already be in, and queries run one at a time anyway.</summary>
    private async Task<List<TwsMessage>> QueryAsync(bool failOnRequestError, Func<TwsMessage, bool> belongs, Func<TwsMessage, bool> isEnd,
        Action send, CancellationToken ct)
    {
        await _queries.WaitAsync(ct);
        try
        {
            var reply = _replies.Expect(failOnRequestError, belongs, isEnd);
            try { send(); }
            catch
            {
                reply.Abandon();
                throw;
            }
            // Bounded by the real clock too: a query on the engine loop (reconciliation) must never wait forever.
            return await reply.WaitAsync(ReplyTimeout, TimeProvider.System, ct);
        }
        finally
        {
            _queries.Release();
        }
    }
}
