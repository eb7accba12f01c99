using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>A feed status a test sets by hand.</summary>
public sealed class FixedFeedStatus : IFeedStatus
{
    public List<FeedSymbolStatus> Symbols { get; } = [];

    public FeedStatus Current() => new("TradingView", true, 0, 0, [.. Symbols], null);
}
