using System.Globalization;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>TradingView's <c>update_mode</c> (and a <c>_DL</c> feed name) as our <see cref="DataMode"/> with its delay.</summary>
public static class DataModeParser
{
    private const string DelayedPrefix = "delayed_streaming_";

    public static (DataMode Mode, int DelaySeconds) Parse(string? updateMode, string? originalName)
    {
        if (updateMode == "streaming") return (DataMode.Realtime, 0);
        if (updateMode is not null && updateMode.StartsWith(DelayedPrefix, StringComparison.Ordinal)
            && int.TryParse(updateMode.AsSpan(DelayedPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            return (DataMode.Delayed, seconds);
        if (updateMode is "endofday") return (DataMode.EndOfDay, 0);
        if (updateMode is not null && updateMode.StartsWith("delayed", StringComparison.Ordinal)) return (DataMode.Delayed, 0);
        // No update_mode yet: a _DL feed is delayed (about 10 minutes for CME-group futures), anything else assumed live.
        return TradingViewSymbolMap.IsDelayedFeedName(originalName) ? (DataMode.Delayed, 600) : (DataMode.Realtime, 0);
    }
}
