using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.Configuration;

namespace BlazorTrader.Tests.Engine.Instruments;

public class InstrumentCatalogTests
{
    private static readonly InstrumentCatalog Instruments = InstrumentCatalog.FromConfiguration(null);

    [Theory]
    [InlineData("MNQ1!", null, "MNQ1!", "MNQ")]
    [InlineData("CME_MINI:MNQ1!", "CME_MINI", "MNQ1!", "MNQ")]
    [InlineData("mnq1!", null, "MNQ1!", "MNQ")]
    [InlineData("MNQZ2026", null, "MNQZ2026", "MNQ")]
    [InlineData("MNQZ26", null, "MNQZ2026", "MNQ")]
    [InlineData("MESH27", null, "MESH2027", "MES")]
    [InlineData("ESZ26", null, "ESZ2026", "ES")]
    [InlineData("6EH2027", null, "6EH2027", "6E")]
    [InlineData("M2K1!", null, "M2K1!", "M2K")]
    [InlineData("COMEX_MINI:MGC1!", "COMEX_MINI", "MGC1!", "MGC")]
    [InlineData("AAPL", null, "AAPL", "AAPL")]
    [InlineData("NASDAQ:AAPL", "NASDAQ", "AAPL", "AAPL")]
    [InlineData("BRK.B", null, "BRK.B", "BRK.B")]
    public void TryParse_SplitsPrefixSymbolAndRoot(string raw, string? prefix, string symbol, string root)
    {
        Assert.True(Instruments.TryParse(raw, out var ticker, out _));
        Assert.Equal(prefix, ticker.ExchangePrefix);
        Assert.Equal(symbol, ticker.Symbol);
        Assert.Equal(root, ticker.Root);
    }

    [Fact]
    public void TryParse_ReadsOccOptionSymbols()
    {
        Assert.True(Instruments.TryParse("SPXW261120C05900000", out var t, out _));
        Assert.Equal(new OptionContract(new DateOnly(2026, 11, 20), 'C', 5900m), t.Option);
        Assert.Equal(100m, Instruments.SpecFor(t).PointValue);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("МНК1!", "ASCII")]
    [InlineData("MNQ 1!", "ASCII")]
    [InlineData("A:B:C", "EXCHANGE:SYMBOL")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP", "longer")]
    public void TryParse_RefusesMalformedTickers(string raw, string messagePart)
    {
        Assert.False(Instruments.TryParse(raw, out _, out var error));
        Assert.Contains(messagePart, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("MNQ1!", 0.25, 0.50, 2)]
    [InlineData("MES1!", 0.25, 1.25, 5)]
    [InlineData("M2K1!", 0.10, 0.50, 5)]
    [InlineData("MYM1!", 1, 0.50, 0.5)]
    [InlineData("NQ1!", 0.25, 5, 20)]
    [InlineData("ES1!", 0.25, 12.50, 50)]
    [InlineData("RTY1!", 0.10, 5, 50)]
    [InlineData("YM1!", 1, 5, 5)]
    [InlineData("CL1!", 0.01, 10, 1000)]
    [InlineData("MCL1!", 0.01, 1, 100)]
    [InlineData("GC1!", 0.10, 10, 100)]
    [InlineData("MGC1!", 0.10, 1, 10)]
    [InlineData("SI1!", 0.005, 25, 5000)]
    [InlineData("ZN1!", 0.015625, 15.625, 1000)]
    [InlineData("ZB1!", 0.03125, 31.25, 1000)]
    [InlineData("6E1!", 0.00005, 6.25, 125000)]
    [InlineData("AAPL", 0.01, 0.01, 1)]
    [InlineData("SPX", 0.01, 0.01, 1)]   // the index itself is not the option contract
    public void SpecFor_MatchesTheExchangeContractSpecs(string ticker, decimal tick, decimal tickValue, decimal pointValue)
    {
        var spec = Instruments.SpecFor(ticker);
        Assert.Equal(tick, spec.TickSize);
        Assert.Equal(tickValue, spec.TickValue);
        Assert.Equal(pointValue, spec.PointValue);
    }

    [Fact]
    public void Configuration_OverridesAndAddsSpecs()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Instruments:Specs:MNQ:PointValue"] = "3",
            ["Instruments:Specs:NKD:TickSize"] = "5",
            ["Instruments:Specs:NKD:PointValue"] = "5",
        }).Build();

        var catalog = InstrumentCatalog.FromConfiguration(config);

        Assert.Equal(3m, catalog.SpecFor("MNQ1!").PointValue);
        Assert.Equal(0.25m, catalog.SpecFor("MNQ1!").TickSize);
        Assert.Equal(25m, catalog.SpecFor("NKDZ26").TickValue);
    }
}
