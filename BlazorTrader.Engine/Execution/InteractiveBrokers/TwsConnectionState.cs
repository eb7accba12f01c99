namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Where the client stands with TWS and with IB behind it.</summary>
internal enum TwsConnectionState
{
    /// <summary>No socket; a reconnect may be pending.</summary>
    Disconnected,
    /// <summary>Socket, handshake and START_API in progress; not ready for requests.</summary>
    Connecting,
    /// <summary>Ready: next valid id and managed accounts arrived.</summary>
    Connected,
    /// <summary>The socket is up but TWS lost IB (1100): send no new orders.</summary>
    LinkLost,
    /// <summary>IB is back (1101 data lost / 1102 data kept): reconcile, then call <see cref="TwsClient.MarkReconciled"/>.</summary>
    Restored,
    /// <summary>TWS refused the client id (326). Terminal: retrying with the same id cannot succeed.</summary>
    ClientIdRejected,
}

internal static class TwsConnectionStateExtensions
{
    /// <summary>A session is up and requests can be written to it.</summary>
    public static bool HasSession(this TwsConnectionState state) =>
        state is TwsConnectionState.Connected or TwsConnectionState.LinkLost or TwsConnectionState.Restored;
}
