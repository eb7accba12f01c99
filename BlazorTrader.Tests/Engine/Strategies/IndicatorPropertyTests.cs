using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Tests.Engine.Strategies;

/// <summary>
/// Properties of the hand-written indicators over many generated series (a hand-rolled generator with fixed seeds, so a
/// failure names its seed and replays): RSI within [0, 100] and 100 / 0 on monotone series, ATR at least 0 and at most the
/// largest true range, VWAP between the lowest low and the highest high, for lengths from 1 to 30.
/// </summary>
public class IndicatorPropertyTests
{
    const int Cases = 200;
    static readonly DateTimeOffset T0 = new(2026, 11, 19, 14, 30, 0, TimeSpan.Zero);

    /// <summary>A random walk of bars in cents: 2 to 120 bars, prices 0.50 to 500, volume 0 to 10,000 (zero volume included).</summary>
    static List<Bar> RandomBars(Random random)
    {
        var count = random.Next(2, 121);
        var close = random.Next(50, 50_001) / 100m;
        var bars = new List<Bar>(count);
        for (var i = 0; i < count; i++)
        {
            var open = close;
            close = Math.Max(0.01m, close + random.Next(-300, 301) / 100m);
            var high = Math.Max(open, close) + random.Next(0, 51) / 100m;
            var low = Math.Max(0.01m, Math.Min(open, close) - random.Next(0, 51) / 100m);
            bars.Add(new Bar(T0.AddSeconds(30 * i), open, high, low, close, random.Next(0, 5) == 0 ? 0 : random.Next(1, 10_001)));
        }
        return bars;
    }

    static IEnumerable<(int Seed, Random Random)> Seeds() => Enumerable.Range(1, Cases).Select(seed => (seed, new Random(seed)));

    [Fact]
    public void Rsi_IsAlwaysWithin0And100_ForAnySeriesAndLength()
    {
        foreach (var (seed, random) in Seeds())
        {
            var closes = RandomBars(random).Select(b => b.Close).ToList();
            var length = random.Next(1, 31);
            var series = Rsi.Series(closes, length);
            for (var i = 0; i < series.Length; i++)
            {
                Assert.True(i > length - 1 || series[i] is null, $"seed {seed}: a value before {length} changes at {i}");
                if (series[i] is { } v) Assert.True(v is >= 0m and <= 100m, $"seed {seed}, length {length}: rsi {v} at {i}");
            }
            if (closes.Count > length) Assert.NotNull(series[^1]);
        }
    }

    [Fact]
    public void Rsi_OfAStrictlyRisingSeriesIs100_AndOfAStrictlyFallingOne0()
    {
        foreach (var (seed, random) in Seeds())
        {
            var steps = Enumerable.Range(0, random.Next(15, 80)).Select(_ => random.Next(1, 500) / 100m).ToList();
            var rising = steps.Aggregate(new List<decimal> { 10m }, (list, step) => { list.Add(list[^1] + step); return list; });
            var falling = rising.Select(c => 10_000m - c).ToList();

            Assert.True(Rsi.Series(rising).Skip(Rsi.DefaultLength).All(v => v == 100m), $"seed {seed}: rising");
            Assert.True(Rsi.Series(falling).Skip(Rsi.DefaultLength).All(v => v == 0m), $"seed {seed}: falling");
        }
    }

    [Fact]
    public void Atr_IsNeverNegative_AndNeverAboveTheLargestTrueRange()
    {
        foreach (var (seed, random) in Seeds())
        {
            var bars = RandomBars(random);
            var length = random.Next(1, 31);
            var ranges = Atr.TrueRanges(bars);
            Assert.True(ranges.All(r => r >= 0), $"seed {seed}: a negative true range");
            if (Atr.Last(bars, length) is not { } atr)
            {
                Assert.True(bars.Count < length, $"seed {seed}: no ATR with {bars.Count} bars at length {length}");
                continue;
            }
            Assert.True(atr >= 0 && atr <= ranges.Max(), $"seed {seed}, length {length}: atr {atr}, largest range {ranges.Max()}");
            Assert.True(Atr.LastPercent(bars, length) >= 0, $"seed {seed}: atr %");
        }
    }

    [Fact]
    public void Vwap_LiesBetweenTheLowestLowAndTheHighestHigh_OrIsUnknownWithoutVolume()
    {
        foreach (var (seed, random) in Seeds())
        {
            var bars = RandomBars(random);
            var vwap = Vwap.Of(bars);
            if (bars.All(b => b.Volume == 0))
            {
                Assert.Null(vwap);
                continue;
            }
            Assert.True(vwap >= bars.Min(b => b.Low) && vwap <= bars.Max(b => b.High), $"seed {seed}: vwap {vwap}");
        }
    }

    [Fact]
    public void Vwap_OfBarsWithOneTypicalPrice_IsThatPrice_WhateverTheVolumes()
    {
        foreach (var (seed, random) in Seeds())
        {
            var price = random.Next(100, 10_000) / 100m;
            var bars = Enumerable.Range(0, random.Next(1, 40)).Select(i => new Bar(T0.AddSeconds(30 * i), price, price, price, price, random.Next(1, 10_000))).ToList();
            Assert.True(Vwap.Of(bars) == price, $"seed {seed}");
        }
    }
}
