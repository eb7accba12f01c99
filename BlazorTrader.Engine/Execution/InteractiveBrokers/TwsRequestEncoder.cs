namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Payloads of the requests other than PLACE_ORDER, at server version 178 (reference §5). The first
/// number after the message id is the historic version field the server still expects.</summary>
internal static class TwsRequestEncoder
{
    public static byte[] StartApi(int clientId, string optionalCapabilities = "") =>
        new TwsFieldWriter(OutgoingMessageId.StartApi).Add(2).Add(clientId).Add(optionalCapabilities).ToPayload();

    /// <summary>manualOrderCancelTime stays empty: it is only for manual cancels.</summary>
    public static byte[] CancelOrder(int orderId) =>
        new TwsFieldWriter(OutgoingMessageId.CancelOrder).Add(1).Add(orderId).AddEmpty().ToPayload();

    /// <summary>TWS ignores the count and answers with one NEXT_VALID_ID.</summary>
    public static byte[] RequestIds() =>
        new TwsFieldWriter(OutgoingMessageId.RequestIds).Add(1).Add(1).ToPayload();

    /// <summary>This client id's open orders.</summary>
    public static byte[] RequestOpenOrders() => new TwsFieldWriter(OutgoingMessageId.RequestOpenOrders).Add(1).ToPayload();

    /// <summary>Every API client's open orders.</summary>
    public static byte[] RequestAllOpenOrders() => new TwsFieldWriter(OutgoingMessageId.RequestAllOpenOrders).Add(1).ToPayload();

    public static byte[] RequestExecutions(int requestId, TwsExecutionFilter filter) =>
        new TwsFieldWriter(OutgoingMessageId.RequestExecutions).Add(3).Add(requestId)
            .Add(filter.ClientId).Add(filter.Account).Add(filter.Time).Add(filter.Symbol)
            .Add(filter.SecType).Add(filter.Exchange).Add(filter.Side).ToPayload();

    /// <summary>REQ_ACCOUNT_SUMMARY for group "All": ACCOUNT_SUMMARY per account and tag, then ACCOUNT_SUMMARY_END.</summary>
    public static byte[] RequestAccountSummary(int requestId, string tags) =>
        new TwsFieldWriter(OutgoingMessageId.RequestAccountSummary).Add(1).Add(requestId).Add("All").Add(tags).ToPayload();

    public static byte[] CancelAccountSummary(int requestId) =>
        new TwsFieldWriter(OutgoingMessageId.CancelAccountSummary).Add(1).Add(requestId).ToPayload();

    public static byte[] RequestPositions() => new TwsFieldWriter(OutgoingMessageId.RequestPositions).Add(1).ToPayload();

    public static byte[] CancelPositions() => new TwsFieldWriter(OutgoingMessageId.CancelPositions).Add(1).ToPayload();

    /// <summary>There is no heartbeat message; this round trip is the ping.</summary>
    public static byte[] RequestCurrentTime() => new TwsFieldWriter(OutgoingMessageId.RequestCurrentTime).Add(1).ToPayload();

    public static byte[] RequestMarketDataType(TwsMarketDataType type) =>
        new TwsFieldWriter(OutgoingMessageId.RequestMarketDataType).Add(1).Add((int)type).ToPayload();

    public static byte[] RequestMarketData(int requestId, TwsContract c, string genericTickList = "", bool snapshot = false)
    {
        var w = new TwsFieldWriter(OutgoingMessageId.RequestMarketData).Add(11).Add(requestId)
            .Add(c.ConId).Add(c.Symbol).Add(c.SecType).Add(c.LastTradeDateOrContractMonth).Add(c.Strike ?? 0m)
            .Add(c.Right).Add(c.Multiplier).Add(c.Exchange).Add(c.PrimaryExchange).Add(c.Currency)
            .Add(c.LocalSymbol).Add(c.TradingClass);
        if (c.IsCombo)
        {
            w.Add(c.ComboLegs.Count);
            foreach (var leg in c.ComboLegs)
                w.Add(leg.ConId).Add(leg.Ratio).Add(leg.Action.ToWire()).Add(leg.Exchange);
        }
        return w.Add(0)                 // no delta-neutral contract
            .Add(genericTickList).Add(snapshot)
            .Add(false)                 // regulatorySnapshot: costs money per request
            .AddEmpty()                 // mktDataOptions
            .ToPayload();
    }

    public static byte[] CancelMarketData(int requestId) =>
        new TwsFieldWriter(OutgoingMessageId.CancelMarketData).Add(2).Add(requestId).ToPayload();

    public static byte[] RequestContractData(int requestId, TwsContract c, bool includeExpired = false) =>
        new TwsFieldWriter(OutgoingMessageId.RequestContractData).Add(8).Add(requestId)
            .Add(c.ConId).Add(c.Symbol).Add(c.SecType).Add(c.LastTradeDateOrContractMonth).Add(c.Strike ?? 0m)
            .Add(c.Right).Add(c.Multiplier).Add(c.Exchange).Add(c.PrimaryExchange).Add(c.Currency)
            .Add(c.LocalSymbol).Add(c.TradingClass).Add(includeExpired).Add(c.SecIdType).Add(c.SecId)
            .AddEmpty()                 // issuerId (bonds only)
            .ToPayload();
}

/// <summary>Filter of REQ_EXECUTIONS; the empty filter (client id 0, every string "") returns all of today's fills.
/// <see cref="Time"/> is <c>yyyymmdd hh:mm:ss</c> with no documented zone, so prefer "" and filter on the client.</summary>
internal sealed record TwsExecutionFilter(
    int ClientId = 0, string Account = "", string Time = "", string Symbol = "", string SecType = "", string Exchange = "", string Side = "")
{
    public static TwsExecutionFilter All { get; } = new();
}

internal enum TwsMarketDataType
{
    Live = 1,
    Frozen = 2,
    Delayed = 3,
    DelayedFrozen = 4,
}
