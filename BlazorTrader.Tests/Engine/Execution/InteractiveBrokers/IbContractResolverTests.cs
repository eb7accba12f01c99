using Microsoft.Extensions.Configuration;
using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class IbContractResolverTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.FromConfiguration(null);
    private readonly IbContractResolver _resolver = new(Catalog, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["MNQ"] = "202612" });

    private static Task<IReadOnlyList<ContractDataMessage>> NoLookup(TwsContract c, CancellationToken ct) => throw new InvalidOperationException("no lookup expected");

    /// <summary>TWS answering error 200: no definition for the query (the reply reader turns it into this exception).</summary>
    private static Task<IReadOnlyList<ContractDataMessage>> NotAtIb(TwsContract c, CancellationToken ct) =>
        throw new IbContractException("TWS error 200: No security definition has been found for the request");

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
    public async Task ContinuousFuture_WithoutARollTableEntry_AndNoAnswerFromIb_FollowsTheListingRule()
    {
        // Arrange: ES Dec 2026 expires Fri Dec 18 and rolls Thu Dec 10 (8 calendar days before)
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 9, 20, 0, 0, TimeSpan.Zero));   // Wed 15:00 ET
        var resolver = new IbContractResolver(Catalog, new Dictionary<string, string>(), clock);

        // Act
        var before = await resolver.ResolveAsync("ES1!", NotAtIb, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(4));   // Wed 19:00 ET: the Globex session of trade date Thu Dec 10
        var after = await resolver.ResolveAsync("ES1!", NotAtIb, CancellationToken.None);

        // Assert
        Assert.Equal(("202612", "202703"), (before.LastTradeDateOrContractMonth, after.LastTradeDateOrContractMonth));
    }

    [Fact]
    public async Task ContinuousFuture_OfARootWithoutAListingCycle_IsRefusedNotGuessed()
    {
        var catalog = InstrumentCatalog.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Instruments:Specs:XYZ:Kind"] = "Future" }).Build());

        var error = await Assert.ThrowsAsync<IbContractException>(() => new IbContractResolver(catalog, new Dictionary<string, string>())
            .ResolveAsync("XYZ1!", NotAtIb, CancellationToken.None));

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
        Task<IReadOnlyList<ContractDataMessage>> Lookup(TwsContract c, CancellationToken ct)
        {
            lookups.Add(c);
            return Task.FromResult<IReadOnlyList<ContractDataMessage>>([Details(c with { ConId = 123456 }, "")]);
        }

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

    [Fact]
    public async Task ContinuousFuture_WithoutConfiguration_IsIbsContfutFrontContract_OrderedByConId_AskedOncePerTradeDate()
    {
        // Arrange: IB's CONTFUT names MNQ Dec 2026 (conId 770001) on Tue Dec 1 and MNQ Mar 2027 (770002) from Thu Dec 10 on
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var months = new BrokerContractMonths();
        var resolver = new IbContractResolver(Catalog, new Dictionary<string, string>(), clock, months);
        var ib = new Chain(clock);

        // Act
        var first = await resolver.ResolveAsync("CME_MINI:MNQ1!", ib.LookupAsync, CancellationToken.None);
        var again = await resolver.ResolveAsync("MNQ1!", ib.LookupAsync, CancellationToken.None);
        var asked = ib.Queries.Count;
        clock.Advance(TimeSpan.FromDays(9));   // Thu Dec 10 15:00 UTC: trade date Dec 10, past IB's roll
        var rolled = await resolver.ResolveAsync("MNQ1!", ib.LookupAsync, CancellationToken.None);

        // Assert
        Assert.Equal((770001, "FUT", "202612", "CME"), (first.ConId, first.SecType, first.LastTradeDateOrContractMonth, first.Exchange));
        Assert.Same(first, again);
        Assert.Equal(1, asked);
        Assert.Equal("CONTFUT", ib.Queries[0].SecType);
        Assert.Equal((770002, "202703"), (rolled.ConId, rolled.LastTradeDateOrContractMonth));
        var known = months.Find("MNQ1!", new DateOnly(2026, 12, 10));
        Assert.Equal((770002, "202703", new DateOnly(2027, 3, 19), ContractMonthSource.Broker), (known!.ConId, known.Month.Month, known.Month.LastTradeDate, known.Month.Source));
        Assert.Equal("MNQ1!", resolver.ToSymbol(new TwsContractSummary(770002, "MNQ", "FUT", "20270319", null, "", "2", "CME", "USD", "MNQH7", "MNQ")));
        Assert.Equal("MNQZ2026", resolver.ToSymbol(new TwsContractSummary(770001, "MNQ", "FUT", "20261218", null, "", "2", "CME", "USD", "MNQZ6", "MNQ")));
    }

    [Fact]
    public async Task SecondContract_IsTheOneAfterTheFrontInIbsChainSortedByExpiry()
    {
        // Arrange: IB answers the FUT chain latest first
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var resolver = new IbContractResolver(Catalog, new Dictionary<string, string>(), clock);
        var ib = new Chain(clock);

        // Act
        var second = await resolver.ResolveAsync("MNQ2!", ib.LookupAsync, CancellationToken.None);

        // Assert
        Assert.Equal((770002, "202703"), (second.ConId, second.LastTradeDateOrContractMonth));
        Assert.Equal([("CONTFUT", ""), ("FUT", "")], ib.Queries.Select(q => (q.SecType, q.LastTradeDateOrContractMonth)));
    }

    [Fact]
    public async Task ConfiguredFrontMonth_StillWins_AndTheSecondFollowsIt()
    {
        // Arrange: configured MNQ 202703 while IB's CONTFUT still says 202612
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var resolver = new IbContractResolver(Catalog, new Dictionary<string, string> { ["MNQ"] = "202703" }, clock);
        var ib = new Chain(clock);

        // Act
        var front = await resolver.ResolveAsync("MNQ1!", ib.LookupAsync, CancellationToken.None);
        var second = await resolver.ResolveAsync("MNQ2!", ib.LookupAsync, CancellationToken.None);

        // Assert
        Assert.Equal((0, "202703"), (front.ConId, front.LastTradeDateOrContractMonth));
        Assert.Equal((770003, "202706"), (second.ConId, second.LastTradeDateOrContractMonth));
        Assert.Equal(["FUT"], ib.Queries.Select(q => q.SecType));
    }

    private static ContractDataMessage Details(TwsContract c, string contractMonth) => new(0,
        new TwsContractSummary(c.ConId, c.Symbol, c.SecType, c.LastTradeDateOrContractMonth, c.Strike, c.Right, c.Multiplier, c.Exchange, c.Currency, "", c.TradingClass),
        "", 0.25m, "", "", contractMonth, "", "", "");

    /// <summary>IB's MNQ chain as TWS answers it: CONTFUT the front until its roll Thursday, FUT without a month latest first.</summary>
    private sealed class Chain(TimeProvider clock)
    {
        private static readonly (int ConId, string Month, string LastTrade, DateOnly FrontUntil)[] Listed =
        [
            (770001, "202612", "20261218", new DateOnly(2026, 12, 10)), (770002, "202703", "20270319", new DateOnly(2027, 3, 11)),
            (770003, "202706", "20270618", new DateOnly(2027, 6, 10)),
        ];

        public List<TwsContract> Queries { get; } = [];

        public Task<IReadOnlyList<ContractDataMessage>> LookupAsync(TwsContract query, CancellationToken ct)
        {
            Queries.Add(query);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var all = Listed.Select(l => (l.FrontUntil, Details(new TwsContract { ConId = l.ConId, Symbol = "MNQ", SecType = query.SecType,
                LastTradeDateOrContractMonth = l.LastTrade + " 09:30:00", Exchange = "CME", Currency = "USD" }, l.Month))).ToList();
            IReadOnlyList<ContractDataMessage> answer = query.SecType == "CONTFUT"
                ? [all.First(a => a.FrontUntil > today).Item2] : [.. Enumerable.Reverse(all).Select(a => a.Item2)];
            return Task.FromResult(answer);
        }
    }
}
