namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>The bytes on the wire do not follow the protocol (bad frame length, bad handshake, unparsable field).</summary>
internal sealed class TwsProtocolException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A connection attempt failed before the session became ready.</summary>
internal class TwsConnectException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>TWS refused the client id because another API client uses it (error 326). Retrying cannot help.</summary>
internal sealed class TwsClientIdInUseException(int clientId, string twsText)
    : TwsConnectException($"TWS refused client id {clientId}: it is already in use by another API client ({twsText}).")
{
    public int ClientId { get; } = clientId;
}

/// <summary>A request was made while no session is ready.</summary>
internal sealed class TwsNotConnectedException(TwsConnectionState state)
    : InvalidOperationException($"Not connected to TWS (state {state}).")
{
    public TwsConnectionState State { get; } = state;
}
