namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>
/// The merged last-known state of one symbol after an update. Prices are raw JSON doubles; the engine converts them
/// to decimals at its edge. <see cref="UpdateMode"/> other than <c>streaming</c> means delayed data.
/// </summary>
/// <param name="Symbol">The TradingView symbol exactly as subscribed.</param>
/// <param name="ReceivedAt">When this update arrived, from the client's <see cref="TimeProvider"/>.</param>
public readonly record struct TradingViewQuote(
    string Symbol,
    double? Last,
    double? Bid,
    double? Ask,
    double? Volume,
    string? UpdateMode,
    string? OriginalName,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The exchange time of the last price (<c>lp_time</c>); a delayed feed shows it minutes old.</summary>
    public DateTimeOffset? LastTime { get; init; }

    /// <summary>Real time only when TradingView says <c>streaming</c>; anything else is delayed or end-of-day.</summary>
    public bool IsStreaming => string.Equals(UpdateMode, "streaming", StringComparison.Ordinal);
}
