using Microsoft.Extensions.Configuration;
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
    public async Task ContinuousFuture_WithoutARollTableEntry_IsTodaysFrontMonth_AndTheNextAfterTheRoll()
    {
        // Arrange: ES Dec 2026 expires Fri Dec 18 and rolls Thu Dec 10 (8 calendar days before)
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 9, 20, 0, 0, TimeSpan.Zero));   // Wed 15:00 ET
        var resolver = new IbContractResolver(Catalog, new Dictionary<string, string>(), clock);

        // Act
        var before = await resolver.ResolveAsync("ES1!", NoLookup, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(4));   // Wed 19:00 ET: the Globex session of trade date Thu Dec 10
        var after = await resolver.ResolveAsync("ES1!", NoLookup, CancellationToken.None);

        // Assert
        Assert.Equal(("202612", "202703"), (before.LastTradeDateOrContractMonth, after.LastTradeDateOrContractMonth));
    }

    [Fact]
    public async Task ContinuousFuture_OfARootWithoutAListingCycle_IsRefusedNotGuessed()
    {
        var catalog = InstrumentCatalog.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Instruments:Specs:XYZ:Kind"] = "Future" }).Build());

        var error = await Assert.ThrowsAsync<IbContractException>(() => new IbContractResolver(catalog, new Dictionary<string, string>())
            .ResolveAsync("XYZ1!", NoLookup, CancellationToken.None));

        Assert.Contains("InteractiveBrokers:FrontMonths:XYZ", error.Message);
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
