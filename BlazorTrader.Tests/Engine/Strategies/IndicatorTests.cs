using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Tests.Engine.Strategies;

/// <summary>RSI, ATR, VWAP and gap against vectors computed by hand (arithmetic in the comments) and properties.</summary>
public class IndicatorTests
{
    static decimal R(decimal? d, int places = 10) => Math.Round(d!.Value, places);

    [Fact]
    public void Rsi_SeedsWithTheSimpleMeanOfTheFirstChanges_ThenSmoothsLikeWilder()
    {
        // Arrange: length 3; changes +1, -0.5, +1, +0.5, -1
        decimal[] closes = [10m, 11m, 10.5m, 11.5m, 12m, 11m];

        // Act
        var series = Rsi.Series(closes, 3);

        // Assert
        // seed after 3 changes: up = (1 + 0 + 1) / 3 = 2/3, down = (0 + 0.5 + 0) / 3 = 1/6, rs = 4 -> 100 - 100/5 = 80
        // +0.5: up = (2/3 x 2 + 0.5) / 3 = 11/18, down = (1/6 x 2) / 3 = 1/9, rs = 5.5 -> 100 - 100/6.5 = 84.6153846154
        // -1:   up = (11/18 x 2) / 3 = 11/27, down = (1/9 x 2 + 1) / 3 = 11/27, rs = 1 -> 50
        Assert.All(series[..3], v => Assert.Null(v));
        Assert.Equal(80m, R(series[3]));
        Assert.Equal(84.6153846154m, R(series[4]));
        Assert.Equal(50m, R(series[5]));
    }

    [Fact]
    public void Rsi14_FirstValueIsAtTheFifteenthClose()
    {
        // Arrange: 14 changes alternating +1/-1 (7 up, 7 down), then +2
        var closes = new List<decimal> { 100m };
        for (var i = 0; i < 14; i++) closes.Add(closes[^1] + (i % 2 == 0 ? 1m : -1m));
        closes.Add(closes[^1] + 2m);

        // Act / Assert
        // seed: up = 7/14 = 0.5, down = 0.5 -> 50
        // +2: up = (0.5 x 13 + 2) / 14 = 8.5/14, down = 6.5/14, rs = 17/13 -> 100 - 100 x 13/30 = 56.6666666667
        Assert.Null(Rsi.Last(closes.Take(14).ToList()));
        Assert.Equal(50m, R(Rsi.Last(closes.Take(15).ToList())));
        Assert.Equal(56.6666666667m, R(Rsi.Last(closes)));
    }

    [Fact]
    public void Rsi_Is100WithoutLosses_And0WithoutGains_AsTradingView()
    {
        var up = Enumerable.Range(0, 20).Select(i => 10m + i).ToList();
        var down = Enumerable.Range(0, 20).Select(i => 50m - i).ToList();
        var flat = Enumerable.Repeat(7m, 20).ToList();

        Assert.Equal(100m, Rsi.Last(up));
        Assert.Equal(0m, Rsi.Last(down));
        Assert.Equal(100m, Rsi.Last(flat));   // ta.rsi: down == 0 -> 100
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rsi_StaysWithin0And100_AndIgnoresScaleAndShift(int seed)
    {
        // Arrange: a random walk
        var random = new Random(seed);
        var closes = new List<decimal> { 50m };
        for (var i = 0; i < 200; i++) closes.Add(Math.Max(1m, closes[^1] + random.Next(-100, 101) / 100m));

        // Act
        var rsi = Rsi.Series(closes);
        var scaled = Rsi.Series(closes.Select(c => c * 3m).ToList());
        var shifted = Rsi.Series(closes.Select(c => c + 1000m).ToList());

        // Assert
        Assert.All(rsi.Skip(Rsi.DefaultLength + 1), v => Assert.InRange(v!.Value, 0m, 100m));
        for (var i = Rsi.DefaultLength; i < rsi.Length; i++)
        {
            Assert.Equal(R(rsi[i], 8), R(scaled[i], 8));
            Assert.Equal(R(rsi[i], 8), R(shifted[i], 8));
        }
    }

    static readonly DateTimeOffset T0 = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    static Bar B(int i, decimal h, decimal l, decimal c, decimal v = 100m) => new(T0.AddSeconds(30 * i), l, h, l, c, v);

    static readonly Bar[] Four =
    [
        B(0, 10.5m, 9.5m, 10m, 100m),
        B(1, 11.2m, 10.2m, 11m, 200m),
        B(2, 11.0m, 10.4m, 10.5m, 100m),
        B(3, 12.0m, 11.5m, 11.8m, 600m),
    ];

    [Fact]
    public void Atr_FirstTrueRangeIsHighMinusLow_SeededMean_ThenWilder()
    {
        // TR: b0 = 10.5 - 9.5 = 1; b1 = max(1.0, |11.2 - 10| = 1.2, |10.2 - 10| = 0.2) = 1.2;
        //     b2 = max(0.6, |11 - 11| = 0, |10.4 - 11| = 0.6) = 0.6; b3 = max(0.5, |12 - 10.5| = 1.5, |11.5 - 10.5| = 1) = 1.5
        // seed (3 bars) = (1 + 1.2 + 0.6) / 3 = 14/15; next = (14/15 x 2 + 1.5) / 3 = 101/90 = 1.1222222222
        // % of last close: 101/90 / 11.8 x 100 = 9.5103578154
        Assert.Equal(new[] { 1m, 1.2m, 0.6m, 1.5m }, Atr.TrueRanges(Four));
        Assert.Null(Atr.Last(Four[..2], 3));
        Assert.Equal(0.9333333333m, R(Atr.Last(Four[..3], 3)));
        Assert.Equal(1.1222222222m, R(Atr.Last(Four, 3)));
        Assert.Equal(9.5103578154m, R(Atr.LastPercent(Four, 3)));
    }

    [Fact]
    public void Atr_IgnoresAPriceShift_AndScalesWithPrice()
    {
        var random = new Random(7);
        var bars = Enumerable.Range(0, 40).Select(i =>
        {
            var c = 20m + random.Next(-50, 51) / 100m;
            return B(i, c + random.Next(0, 30) / 100m, c - random.Next(0, 30) / 100m, c);
        }).ToList();

        var atr = Atr.Last(bars)!.Value;
        var shifted = Atr.Last(bars.Select(b => b with { High = b.High + 5, Low = b.Low + 5, Close = b.Close + 5 }).ToList())!.Value;
        var doubled = Atr.Last(bars.Select(b => b with { High = b.High * 2, Low = b.Low * 2, Close = b.Close * 2 }).ToList())!.Value;

        Assert.True(atr > 0);
        Assert.Equal(R(atr), R(shifted));
        Assert.Equal(R(atr * 2), R(doubled));
    }

    [Fact]
    public void Vwap_WeightsTheTypicalPriceByVolume()
    {
        // typical prices: (10.5 + 9.5 + 10)/3 = 10; 32.4/3 = 10.8; 31.9/3; 35.3/3
        // sum(tp x v) = 1000 + 2160 + 3190/3 + 7060 = 11283.333..., volume 1000 -> 11.2833333333
        Assert.Equal(11.2833333333m, R(Vwap.Of(Four)));
        Assert.Null(Vwap.Of([]));
        Assert.Null(Vwap.Of([B(0, 10m, 9m, 9.5m, 0m)]));
    }

    [Fact]
    public void Vwap_LiesBetweenTheLowestLowAndTheHighestHigh()
    {
        var random = new Random(11);
        var bars = Enumerable.Range(0, 50).Select(i =>
        {
            var c = 30m + random.Next(-300, 301) / 100m;
            return B(i, c + 0.2m, c - 0.2m, c, random.Next(1, 1000));
        }).ToList();

        Assert.InRange(Vwap.Of(bars)!.Value, bars.Min(b => b.Low), bars.Max(b => b.High));
    }

    [Theory]
    [InlineData(10.60, 10.00, 6.0)]     // (10.60 - 10) / 10 x 100
    [InlineData(9.50, 10.00, -5.0)]
    [InlineData(20.00, 20.00, 0.0)]
    public void Gap_IsTheChangeFromThePreviousClose_InPercent(decimal last, decimal previous, decimal expected) =>
        Assert.Equal(expected, Gap.Percent(last, previous));

    [Fact]
    public void Gap_IsUnknownWithoutAPreviousClose() => Assert.Null(Gap.Percent(10m, null));
}
