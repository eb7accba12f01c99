namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Version numbers and limits of the text TWS protocol this client speaks (reference §2-§4).</summary>
internal static class TwsProtocol
{
    /// <summary>Lowest version offered in the handshake.</summary>
    public const int ClientMinVersion = 100;

    /// <summary>Highest version offered; every encoder and decoder here is written for exactly this version.
    /// Offering more than 200 would switch the server to binary ids and protobuf.</summary>
    public const int ClientMaxVersion = 178;

    /// <summary>The field lists are those of 178, so an older server is refused rather than misread.</summary>
    public const int MinServerVersion = 178;

    /// <summary>Official clients reject frames longer than this.</summary>
    public const int MaxFrameLength = 0xFFFFFF;

    public const int UnsetInteger = int.MaxValue;
    public const double UnsetDouble = double.MaxValue;
    public const long UnsetLong = long.MaxValue;
}

/// <summary>Message ids sent by the client (reference §5).</summary>
internal static class OutgoingMessageId
{
    public const int RequestMarketData = 1;
    public const int CancelMarketData = 2;
    public const int PlaceOrder = 3;
    public const int CancelOrder = 4;
    public const int RequestOpenOrders = 5;
    public const int RequestExecutions = 7;
    public const int RequestIds = 8;
    public const int RequestContractData = 9;
    public const int RequestAllOpenOrders = 16;
    public const int RequestHistoricalData = 20;
    public const int RequestScannerSubscription = 22;
    public const int CancelScannerSubscription = 23;
    public const int CancelHistoricalData = 25;
    public const int RequestCurrentTime = 49;
    public const int RequestMarketDataType = 59;
    public const int RequestPositions = 61;
    public const int RequestAccountSummary = 62;
    public const int CancelAccountSummary = 63;
    public const int CancelPositions = 64;
    public const int StartApi = 71;
}

/// <summary>Message ids sent by TWS (reference §6).</summary>
internal static class IncomingMessageId
{
    public const int TickPrice = 1;
    public const int TickSize = 2;
    public const int OrderStatus = 3;
    public const int Error = 4;
    public const int OpenOrder = 5;
    public const int NextValidId = 9;
    public const int ContractData = 10;
    public const int ExecutionData = 11;
    public const int ManagedAccounts = 15;
    public const int HistoricalData = 17;
    public const int ScannerData = 20;
    public const int CurrentTime = 49;
    public const int TickOptionComputation = 21;
    public const int ContractDataEnd = 52;
    public const int OpenOrderEnd = 53;
    public const int ExecutionDataEnd = 55;
    public const int MarketDataType = 58;
    public const int CommissionReport = 59;
    public const int PositionData = 61;
    public const int PositionEnd = 62;
    public const int AccountSummary = 63;
    public const int AccountSummaryEnd = 64;
}
