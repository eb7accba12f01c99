using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Tests.Engine.Strategies;

public class OptionPricingTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.841344746068543)]
    [InlineData(-1.96, 0.0249978951482204)]
    [InlineData(2.5, 0.993790334674224)]
    [InlineData(-8.0, 6.22096057427178E-16)]
    public void NormalCdf_MatchesTheTables(double x, double expected) =>
        Assert.Equal(expected, NormalDistribution.Cdf(x), 1e-14 + Math.Abs(expected) * 1e-9);

    [Fact]
    public void BlackScholes_MatchesTheTextbookExample()
    {
        // S = 100, K = 100, T = 1, r = 5 %, q = 0, sigma = 20 %: d1 = (0 + (0.05 + 0.02) x 1) / 0.2 = 0.35, d2 = 0.15
        // call = 100 N(0.35) - 100 e^-0.05 N(0.15) = 10.4506; put = 5.5735 (parity); call delta = N(0.35) = 0.6368
        Assert.Equal(10.4506, BlackScholes.Price(OptionRight.Call, 100, 100, 1, 0.05, 0, 0.2), 4);
        Assert.Equal(5.5735, BlackScholes.Price(OptionRight.Put, 100, 100, 1, 0.05, 0, 0.2), 4);
        Assert.Equal(0.6368, BlackScholes.Delta(OptionRight.Call, 100, 100, 1, 0.05, 0, 0.2), 4);
        Assert.Equal(-0.3632, BlackScholes.Delta(OptionRight.Put, 100, 100, 1, 0.05, 0, 0.2), 4);
    }

    [Theory]
    [InlineData(6000, 5700, 21, 0.18)]
    [InlineData(6000, 6300, 28, 0.13)]
    [InlineData(5000, 5000, 7, 0.25)]
    public void PutCallParity_AndDeltaParity_Hold(double spot, double strike, int days, double vol)
    {
        var t = days / 365.0;
        const double r = 0.04, q = 0.013;
        var call = BlackScholes.Price(OptionRight.Call, spot, strike, t, r, q, vol);
        var put = BlackScholes.Price(OptionRight.Put, spot, strike, t, r, q, vol);
        Assert.Equal(spot * Math.Exp(-q * t) - strike * Math.Exp(-r * t), call - put, 1e-8);
        Assert.Equal(Math.Exp(-q * t),
            BlackScholes.Delta(OptionRight.Call, spot, strike, t, r, q, vol) - BlackScholes.Delta(OptionRight.Put, spot, strike, t, r, q, vol), 1e-12);
    }

    [Fact]
    public void Delta_IsTheSlopeOfThePrice()
    {
        const double h = 0.01, t = 21 / 365.0;
        foreach (var right in new[] { OptionRight.Put, OptionRight.Call })
        {
            var slope = (BlackScholes.Price(right, 6000 + h, 5800, t, 0.04, 0.013, 0.17) - BlackScholes.Price(right, 6000 - h, 5800, t, 0.04, 0.013, 0.17)) / (2 * h);
            Assert.Equal(slope, BlackScholes.Delta(right, 6000, 5800, t, 0.04, 0.013, 0.17), 6);
        }
    }

    [Fact]
    public void AtExpiry_TheValueIsIntrinsic() =>
        Assert.Equal((50.0, 0.0), (BlackScholes.Price(OptionRight.Put, 5950, 6000, 0, 0.04, 0, 0.2), BlackScholes.Price(OptionRight.Call, 5950, 6000, 0, 0.04, 0, 0.2)));

    [Fact]
    public void Surface_HasPutSkew_AndARisingTermStructure()
    {
        var surface = new VolatilitySurface();
        // at the money, 30 days: the base
        Assert.Equal(0.16, surface.ImpliedVolatility(6000, 6000, 30 / 365.0), 12);
        Assert.True(surface.ImpliedVolatility(6000, 5700, 21 / 365.0) > surface.ImpliedVolatility(6000, 6300, 21 / 365.0));
        Assert.True(surface.ImpliedVolatility(6000, 6000, 28 / 365.0) > surface.ImpliedVolatility(6000, 6000, 21 / 365.0));
        Assert.Equal(0.05, new VolatilitySurface { BaseIv = 0.01 }.ImpliedVolatility(6000, 6000, 0.1), 12);
        Assert.Empty(surface.Validate());
        Assert.Contains("baseIv", new VolatilitySurface { BaseIv = 0 }.Validate().Keys);
    }

    static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 45, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Settles = new(2026, 12, 22, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Quotes_AreOnTheTickLadder_AroundTheModel_WithASpreadThatGrowsWithPrice()
    {
        var pricer = new OptionPricer();
        var chain = ModelChain.Build(pricer, 6000, new DateOnly(2026, 12, 22), Settles, Now, 5m);

        Assert.All(chain, q =>
        {
            Assert.True(q.Bid <= q.Theoretical && q.Theoretical <= q.Ask, $"{q.Right} {q.Strike}: {q.Bid} {q.Theoretical} {q.Ask}");
            Assert.Equal(0m, q.Bid % (q.Bid >= 3 ? 0.10m : 0.05m));
            Assert.Equal(0m, q.Ask % (q.Ask >= 3 ? 0.10m : 0.05m));
            Assert.True(q.Bid >= 0 && q.Ask > q.Bid);
        });
        var cheap = chain.Where(q => q.Theoretical is > 1m and < 2m).MinBy(q => q.Theoretical)!;
        var dear = chain.Where(q => q.Theoretical > 100m).MaxBy(q => q.Theoretical)!;
        Assert.True(dear.Ask - dear.Bid > 5 * (cheap.Ask - cheap.Bid));
        Assert.Equal(5m, chain[2].Strike - chain[0].Strike);
    }

    [Fact]
    public void Quote_HalfSpread_IsThePercentOfValue_RoundedOutwardToTheTick()
    {
        // 6000 call struck at 6000, 21 days: theo ~ 95; half = 1.5 % x theo ~ 1.43 -> bid floor, ask ceiling to 0.10
        var q = new OptionPricer().Quote(OptionRight.Call, 6000, 6000m, new DateOnly(2026, 12, 22), Settles, Now);
        var half = q.Theoretical * 0.015m;
        Assert.Equal(Math.Floor((q.Theoretical - half) * 10) / 10, q.Bid);
        Assert.Equal(Math.Ceiling((q.Theoretical + half) * 10) / 10, q.Ask);
        Assert.InRange(q.Delta, 0.45, 0.6);
    }
}
