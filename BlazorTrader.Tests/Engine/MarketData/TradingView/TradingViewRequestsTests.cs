using System.Text.Json;
using BlazorTrader.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

public class TradingViewRequestsTests
{
    [Fact]
    public void QuoteSessionIdsAreQsAndTwelveRandomLettersOrDigits()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => TradingViewRequests.NewQuoteSessionId()).ToList();

        Assert.All(ids, id => Assert.Matches("^qs_[A-Za-z0-9]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void RequestsAreCompactJsonWithMethodAndStringParameters()
    {
        Assert.Equal("""{"m":"set_auth_token","p":["unauthorized_user_token"]}""", TradingViewRequests.SetAuthToken("unauthorized_user_token"));
        Assert.Equal("""{"m":"quote_create_session","p":["qs_1"]}""", TradingViewRequests.QuoteCreateSession("qs_1"));
        Assert.Equal("""{"m":"quote_set_fields","p":["qs_1","lp","bid"]}""", TradingViewRequests.QuoteSetFields("qs_1", ["lp", "bid"]));
        Assert.Equal("""{"m":"quote_add_symbols","p":["qs_1","CME_MINI:MNQ1!","NASDAQ:AAPL"]}""",
            TradingViewRequests.QuoteAddSymbols("qs_1", ["CME_MINI:MNQ1!", "NASDAQ:AAPL"]));
        Assert.Equal("""{"m":"quote_remove_symbols","p":["qs_1","NASDAQ:AAPL"]}""", TradingViewRequests.QuoteRemoveSymbols("qs_1", ["NASDAQ:AAPL"]));
        Assert.Equal("""{"m":"quote_delete_session","p":["qs_1"]}""", TradingViewRequests.QuoteDeleteSession("qs_1"));
    }

    [Fact]
    public void AJsonSymbolFormSurvivesTheRoundTripExactly()
    {
        const string symbol = """={"adjustment":"splits","symbol":"NASDAQ:AAPL"}""";

        using var json = JsonDocument.Parse(TradingViewRequests.QuoteAddSymbols("qs_1", [symbol]));

        Assert.Equal(symbol, json.RootElement.GetProperty("p")[1].GetString());
    }
}
