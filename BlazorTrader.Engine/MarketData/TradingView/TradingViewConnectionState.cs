namespace BlazorTrader.Engine.MarketData.TradingView;

public enum TradingViewConnectionState
{
    /// <summary>Not started, stopped, or waiting to reconnect.</summary>
    Disconnected,
    Connecting,
    /// <summary>The socket is open and the quote session was set up.</summary>
    Connected,
}
