namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>What an ERR_MSG code means for the caller (reference §7).</summary>
internal enum TwsErrorKind
{
    /// <summary>Farm OK and similar notices.</summary>
    Info,
    /// <summary>Worth logging; not the end of an order.</summary>
    Warning,
    /// <summary>The IB link or the socket changed: 1100, 1101, 1102, 1300, 326.</summary>
    Connectivity,
    /// <summary>A request or an order failed.</summary>
    Error,
}

internal static class TwsErrorCodes
{
    public const int OverPacingLimit = 100;
    public const int DuplicateOrderId = 103;
    public const int CannotModifyFilledOrder = 104;
    public const int NoSecurityDefinition = 200;
    public const int OrderRejected = 201;
    public const int OrderCancelled = 202;
    public const int ClientIdInUse = 326;
    public const int ConnectivityLost = 1100;
    public const int ConnectivityRestoredDataLost = 1101;
    public const int ConnectivityRestoredDataKept = 1102;
    public const int SocketPortReset = 1300;
    public const int CancelOrderNotFound = 10147;
    public const int CancelOrderNotCancellable = 10148;

    // ib_async's list: these do not end an order.
    private static readonly HashSet<int> Warnings = [105, 110, 165, 321, 329, 399, 404, 434, 492, 2109, 10167];

    public static TwsErrorKind Classify(int code) => code switch
    {
        ClientIdInUse or ConnectivityLost or ConnectivityRestoredDataLost or ConnectivityRestoredDataKept or SocketPortReset
            => TwsErrorKind.Connectivity,
        2104 or 2106 or 2107 or 2108 or 2158 or 2157 => TwsErrorKind.Info,
        >= 2100 and < 2200 => TwsErrorKind.Warning,
        _ when Warnings.Contains(code) => TwsErrorKind.Warning,
        _ => TwsErrorKind.Error,
    };
}
