namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Where and how to reach TWS or IB Gateway.</summary>
internal sealed record TwsClientOptions
{
    /// <summary>TWS 7496 live / 7497 paper; IB Gateway 4001 live / 4002 paper.</summary>
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 7497;
    /// <summary>Must be the same after a reconnect: only the placing client id can modify or cancel an order.</summary>
    public int ClientId { get; init; } = 1;
    /// <summary>ib_async uses 45: safely under TWS's 50 per second.</summary>
    public int MessagesPerSecond { get; init; } = 45;
    /// <summary>With 45/s, a burst of 5 keeps every one-second window under 50.</summary>
    public int Burst { get; init; } = 5;
    /// <summary>Socket, handshake and both ready messages must arrive within this.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often an idle-proof ping runs; a missed answer drops the socket and reconnects. Null disables it.</summary>
    public TimeSpan? KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);
}
