namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Something the client delivers to its reader: a decoded TWS message or a connection state change.</summary>
internal abstract record TwsMessage;

/// <summary>NEXT_VALID_ID: the lowest order id TWS will accept; arrives on connect and after REQ_IDS.</summary>
internal sealed record NextValidIdMessage(int OrderId) : TwsMessage;

/// <summary>MANAGED_ACCTS: the accounts this login may trade.</summary>
internal sealed record ManagedAccountsMessage(IReadOnlyList<string> Accounts) : TwsMessage;

/// <summary>CURRENT_TIME: the answer to REQ_CURRENT_TIME, used as the ping.</summary>
internal sealed record CurrentTimeMessage(DateTimeOffset Time) : TwsMessage;

/// <summary>ERR_MSG: an error, warning or notice. <see cref="Id"/> is an order id, a request id, or -1 for the system.</summary>
internal sealed record TwsErrorMessage(int Id, int Code, string Text, string AdvancedOrderRejectJson) : TwsMessage
{
    public TwsErrorKind Kind => TwsErrorCodes.Classify(Code);
}

/// <summary>Synthesized by the client, not by TWS: the connection moved to <paramref name="State"/>.</summary>
internal sealed record ConnectionStateChanged(TwsConnectionState State, string Reason) : TwsMessage;

/// <summary>A message id this client does not decode; its frame was skipped whole.</summary>
internal sealed record UnknownMessage(int MessageId, int FieldCount) : TwsMessage;

/// <summary>ORDER_STATUS. Duplicates are normal, and a quick fill may come with none at all: watch executions too.</summary>
internal sealed record OrderStatusMessage(
    int OrderId,
    string Status,
    decimal Filled,
    decimal Remaining,
    decimal? AverageFillPrice,
    long PermId,
    int ParentId,
    decimal? LastFillPrice,
    int ClientId,
    string WhyHeld,
    decimal? MarketCapPrice) : TwsMessage
{
    public bool IsFilled => Status == "Filled";

    /// <summary>Filled, Cancelled, ApiCancelled and Inactive end an order's life.</summary>
    public bool IsTerminal => Status is "Filled" or "Cancelled" or "ApiCancelled" or "Inactive";
}

/// <summary>OPEN_ORDER, read only up to the fields reconciliation needs; the rest of the frame is skipped. The order's
/// status is not read here (it follows variable blocks): TWS sends an ORDER_STATUS with it.</summary>
internal sealed record OpenOrderMessage(
    int OrderId,
    TwsContractSummary Contract,
    string Action,
    decimal TotalQuantity,
    string OrderType,
    decimal? LimitPrice,
    decimal? AuxPrice,
    string TimeInForce,
    string OcaGroup,
    string Account,
    string OrderRef,
    int ClientId,
    long PermId,
    bool OutsideRegularTradingHours) : TwsMessage;

internal sealed record OpenOrderEndMessage : TwsMessage;

/// <summary>EXECUTION_DATA: one fill. <see cref="RequestId"/> is -1 for live fills. Side is BOT or SLD.</summary>
internal sealed record ExecutionDataMessage(
    int RequestId,
    int OrderId,
    TwsContractSummary Contract,
    string ExecId,
    string Time,
    string Account,
    string Exchange,
    string Side,
    decimal Shares,
    decimal Price,
    long PermId,
    int ClientId,
    bool Liquidation,
    decimal CumulativeQuantity,
    decimal AveragePrice,
    string OrderRef) : TwsMessage;

internal sealed record ExecutionDataEndMessage(int RequestId) : TwsMessage;

/// <summary>COMMISSION_REPORT: linked to its fill only by <paramref name="ExecId"/>; may arrive after it.</summary>
internal sealed record CommissionReportMessage(
    string ExecId, decimal? Commission, string Currency, decimal? RealizedPnl, decimal? Yield, int? YieldRedemptionDate) : TwsMessage;

/// <summary>POSITION_DATA. For futures <paramref name="AverageCost"/> includes the multiplier.</summary>
internal sealed record PositionMessage(string Account, TwsContractSummary Contract, decimal Position, decimal? AverageCost) : TwsMessage;

internal sealed record PositionEndMessage : TwsMessage;

/// <summary>ACCOUNT_SUMMARY: one tag of one account (e.g. NetLiquidation); the value is text, a number for money tags.</summary>
internal sealed record AccountSummaryMessage(int RequestId, string Account, string Tag, string Value, string Currency) : TwsMessage;

internal sealed record AccountSummaryEndMessage(int RequestId) : TwsMessage;

/// <summary>TICK_PRICE; a price of -1 means no data, reported here as null.</summary>
internal sealed record TickPriceMessage(int RequestId, int TickType, decimal? Price, decimal? Size, int AttributeMask) : TwsMessage;

internal sealed record TickSizeMessage(int RequestId, int TickType, decimal? Size) : TwsMessage;

/// <summary>MARKET_DATA_TYPE: 1 live, 2 frozen, 3 delayed, 4 delayed-frozen.</summary>
internal sealed record MarketDataTypeMessage(int RequestId, TwsMarketDataType Type) : TwsMessage;

/// <summary>CONTRACT_DATA, the fields an order or a tick-size lookup needs; one message per matching contract.</summary>
internal sealed record ContractDataMessage(
    int RequestId,
    TwsContractSummary Contract,
    string MarketName,
    decimal? MinTick,
    string ValidExchanges,
    string LongName,
    string ContractMonth,
    string TimeZoneId,
    string TradingHours,
    string LiquidHours) : TwsMessage;

internal sealed record ContractDataEndMessage(int RequestId) : TwsMessage;

/// <summary>The contract fields that incoming messages carry.</summary>
internal sealed record TwsContractSummary(
    int ConId,
    string Symbol,
    string SecType,
    string LastTradeDateOrContractMonth,
    decimal? Strike,
    string Right,
    string Multiplier,
    string Exchange,
    string Currency,
    string LocalSymbol,
    string TradingClass);
