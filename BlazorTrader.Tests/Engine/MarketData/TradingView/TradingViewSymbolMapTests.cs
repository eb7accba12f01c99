using BlazorTrader.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

public class TradingViewSymbolMapTests
{
    private readonly TradingViewSymbolMap _map = new();

    [Theory]
    [InlineData("MNQ1!", "CME_MINI:MNQ1!")]
    [InlineData("MES1!", "CME_MINI:MES1!")]
    [InlineData("ES1!", "CME_MINI:ES1!")]
    [InlineData("NQ2!", "CME_MINI:NQ2!")]
    [InlineData("M2K1!", "CME_MINI:M2K1!")]
    [InlineData("YM1!", "CBOT_MINI:YM1!")]
    [InlineData("MYM1!", "CBOT_MINI:MYM1!")]
    [InlineData("CL1!", "NYMEX:CL1!")]
    [InlineData("MCL1!", "NYMEX:MCL1!")]
    [InlineData("GC1!", "COMEX:GC1!")]
    [InlineData("MGC1!", "COMEX_MINI:MGC1!")]
    [InlineData("SI1!", "COMEX:SI1!")]
    [InlineData("SIL1!", "COMEX_MINI:SIL1!")]
    [InlineData("ZN1!", "CBOT:ZN1!")]
    [InlineData("ZB1!", "CBOT:ZB1!")]
    [InlineData("6E1!", "CME:6E1!")]
    [InlineData("MNQZ2026", "CME_MINI:MNQZ2026")]
    [InlineData("esh27", "CME_MINI:ESH27")]
    [InlineData("AAPL", "NASDAQ:AAPL")]
    [InlineData("SIRI", "NASDAQ:SIRI")]
    [InlineData(" mnq1! ", "CME_MINI:MNQ1!")]
    public void MapsTickersToTradingViewSymbols(string ticker, string expected) => Assert.Equal(expected, _map.ToTradingView(ticker));

    [Theory]
    [InlineData("CME_MINI:MNQ1!")]
    [InlineData("NYSE:IBM")]
    [InlineData("""={"adjustment":"splits","symbol":"NASDAQ:AAPL"}""")]
    public void AnAlreadyPrefixedTickerPassesThrough(string symbol) => Assert.Equal(symbol, _map.ToTradingView(symbol));

    [Fact]
    public void TheStockExchangeAndSingleSymbolsAreConfigurable()
    {
        var map = new TradingViewSymbolMap(new Dictionary<string, string> { ["SPY"] = "AMEX:SPY", ["SPX"] = "SP:SPX" }, defaultStockExchange: "NYSE");

        Assert.Equal("AMEX:SPY", map.ToTradingView("SPY"));
        Assert.Equal("SP:SPX", map.ToTradingView("spx"));
        Assert.Equal("NYSE:IBM", map.ToTradingView("IBM"));
        Assert.Equal("CME_MINI:MNQ1!", map.ToTradingView("MNQ1!"));
    }

    [Theory]
    [InlineData("CME_MINI:MNQ1!", "MNQ1!")]
    [InlineData("CME_MINI_DL:MNQ1!", "MNQ1!")]
    [InlineData("COMEX_DL:GC1!", "GC1!")]
    [InlineData("NYMEX_DL:CL1!", "CL1!")]
    [InlineData("NASDAQ:AAPL", "AAPL")]
    [InlineData("BATS:AAPL", "AAPL")]
    [InlineData("NASDAQ_DLY:NDX", "NDX")]
    [InlineData("""={"adjustment":"splits","symbol":"NASDAQ:AAPL"}""", "AAPL")]
    [InlineData("MNQ1!", "MNQ1!")]
    public void MapsTradingViewSymbolsIncludingDelayedFeedsBackToTickers(string symbol, string expected) =>
        Assert.Equal(expected, _map.ToTicker(symbol));

    [Fact]
    public void TheReverseMapHonoursConfiguredSymbolsAndTheirDelayedFeeds()
    {
        var map = new TradingViewSymbolMap(new Dictionary<string, string> { ["GOLD"] = "COMEX:GC1!" });

        Assert.Equal("GOLD", map.ToTicker("COMEX:GC1!"));
        Assert.Equal("GOLD", map.ToTicker("COMEX_DL:GC1!"));
    }

    [Theory]
    [InlineData("CME_MINI_DL:MNQ1!", true)]
    [InlineData("NASDAQ_DLY:NDX", true)]
    [InlineData("CME_MINI:MNQ1!", false)]
    [InlineData("BATS:AAPL", false)]
    [InlineData(null, false)]
    [InlineData("MNQ1!", false)]
    public void RecognisesDelayedFeedNames(string? name, bool delayed) => Assert.Equal(delayed, TradingViewSymbolMap.IsDelayedFeedName(name));
}
