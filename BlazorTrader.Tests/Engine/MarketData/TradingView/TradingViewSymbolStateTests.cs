using BlazorTrader.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

public class TradingViewSymbolStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void PartialUpdatesMergeIntoTheLastKnownState()
    {
        var state = new TradingViewSymbolState("CME_MINI:MNQ1!");
        state.Apply(new QuoteFieldChanges
        {
            Last = FieldChange<double?>.To(21500), Bid = FieldChange<double?>.To(21499.75), Ask = FieldChange<double?>.To(21500.25),
            Volume = FieldChange<double?>.To(100), UpdateMode = FieldChange<string?>.To("streaming"),
            OriginalName = FieldChange<string?>.To("CME_MINI:MNQ1!"), LastTime = FieldChange<double?>.To(1763649000),
        }, T0);

        var quote = state.Apply(new QuoteFieldChanges { Volume = FieldChange<double?>.To(101) }, T0.AddSeconds(1));

        Assert.Equal(new TradingViewQuote("CME_MINI:MNQ1!", 21500, 21499.75, 21500.25, 101, "streaming", "CME_MINI:MNQ1!", T0.AddSeconds(1)),
            quote!.Value with { LastTime = null });
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763649000), quote.Value.LastTime);
        Assert.True(quote.Value.IsStreaming);
        Assert.Equal(T0.AddSeconds(1), state.UpdatedAt);
    }

    [Fact]
    public void NoQuoteIsPublishedUntilALastPriceIsKnown()
    {
        var state = new TradingViewSymbolState("NASDAQ:AAPL");

        var beforePrice = state.Apply(new QuoteFieldChanges { LastTime = FieldChange<double?>.To(1763649000) }, T0);
        var afterPrice = state.Apply(new QuoteFieldChanges { Last = FieldChange<double?>.To(230.5) }, T0);

        Assert.Null(beforePrice);
        Assert.Equal(230.5, afterPrice!.Value.Last);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763649000), afterPrice.Value.LastTime);
    }

    [Fact]
    public void AnExplicitNullClearsAField()
    {
        var state = new TradingViewSymbolState("NASDAQ:AAPL");
        state.Apply(new QuoteFieldChanges { Last = FieldChange<double?>.To(230.5), Bid = FieldChange<double?>.To(230.4) }, T0);

        var quote = state.Apply(new QuoteFieldChanges { Bid = FieldChange<double?>.To(null) }, T0);

        Assert.Null(quote!.Value.Bid);
        Assert.Equal(230.5, quote.Value.Last);
    }

    [Theory]
    [InlineData("delayed_streaming_600", false)]
    [InlineData("endofday", false)]
    [InlineData(null, false)]
    [InlineData("streaming", true)]
    public void OnlyStreamingCountsAsRealTime(string? updateMode, bool streaming) =>
        Assert.Equal(streaming, new TradingViewQuote("X:Y", 1, null, null, null, updateMode, null, T0).IsStreaming);
}
