using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class IbContractResolverTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.FromConfiguration(null);
    private readonly IbContractResolver _resolver = new(Catalog, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["MNQ"] = "202612" });

    private static Task<int> NoLookup(TwsContract c, CancellationToken ct) => throw new InvalidOperationException("no lookup expected");

    [Theory]
    [InlineData("MNQ1!", "202612")]
    [InlineData("CME_MINI:MNQ1!", "202612")]
    [InlineData("MNQZ2026", "202612")]
    [InlineData("MNQH27", "202703")]
    public async Task Futures_ResolveToTheirMonthOnCme(string ticker, string month)
    {
        // Act
        var contract = await _resolver.ResolveAsync(ticker, NoLookup, CancellationToken.None);

        // Assert
        Assert.Equal(("MNQ", "FUT", month, "CME", "USD"), (contract.Symbol, contract.SecType, contract.LastTradeDateOrContractMonth, contract.Exchange, contract.Currency));
    }

    [Fact]
    public async Task ContinuousFuture_WithoutARollTableEntry_IsRefusedNotGuessed()
    {
        // Act
        var error = await Assert.ThrowsAsync<IbContractException>(() => _resolver.ResolveAsync("ES1!", NoLookup, CancellationToken.None));

        // Assert
        Assert.Contains("InteractiveBrokers:FrontMonths:ES", error.Message);
    }

    [Fact]
    public async Task Stock_GoesToSmart()
    {
        var contract = await _resolver.ResolveAsync("AAPL", NoLookup, CancellationToken.None);

        Assert.Equal(("AAPL", "STK", "SMART", ""), (contract.Symbol, contract.SecType, contract.Exchange, contract.PrimaryExchange));
    }

    [Fact]
    public async Task SpxwOption_IsLookedUpOnceByExpiryStrikeAndRight_ThenCached_AndMapsBack()
    {
        // Arrange
        var lookups = new List<TwsContract>();
        Task<int> Lookup(TwsContract c, CancellationToken ct) { lookups.Add(c); return Task.FromResult(123456); }

        // Act
        var first = await _resolver.ResolveAsync("SPXW261120P05800000", Lookup, CancellationToken.None);
        var again = await _resolver.ResolveAsync("SPXW261120P05800000", Lookup, CancellationToken.None);

        // Assert
        var query = Assert.Single(lookups);
        Assert.Equal(("SPX", "OPT", "20261120", 5800m, "P", "SPXW", "100"),
            (query.Symbol, query.SecType, query.LastTradeDateOrContractMonth, query.Strike, query.Right, query.TradingClass, query.Multiplier));
        Assert.Equal(123456, first.ConId);
        Assert.Same(first, again);
        Assert.Equal("SPXW261120P05800000", _resolver.ToSymbol(new TwsContractSummary(123456, "SPX", "OPT", "20261120", 5800m, "P", "100", "SMART", "USD", "", "SPXW")));
    }

    [Theory]
    [InlineData("20261218", "MNQ1!")]
    [InlineData("202703", "MNQH2027")]
    public void FuturesFromIb_MapBackToTheFrontMonthTicker_OrTheDatedOne(string expiry, string expected) =>
        Assert.Equal(expected, _resolver.ToSymbol(new TwsContractSummary(0, "MNQ", "FUT", expiry, null, "", "2", "CME", "USD", "", "MNQ")));
}
