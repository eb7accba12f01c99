namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>One OHLCV bar; <see cref="StartUtc"/> is the bucket's first instant (bars are labelled by their open, as on TradingView).</summary>
public readonly record struct Bar(DateTimeOffset StartUtc, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    /// <summary>(H + L + C) / 3, the price VWAP weights by volume.</summary>
    public decimal TypicalPrice => (High + Low + Close) / 3m;
}
