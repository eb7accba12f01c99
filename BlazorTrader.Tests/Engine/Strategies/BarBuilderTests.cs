using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Tests.Engine.Strategies;

public class BarBuilderTests
{
    static readonly DateTimeOffset Open = new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);   // 09:30 ET

    [Fact]
    public void Ticks_FormBarsByTheirOwnTime_AlignedToTheBarLength()
    {
        // Arrange
        var builder = new BarBuilder(30);

        // Act: 09:30:05 10.00 x100, :12 10.20 x50, :29.999 9.90 x10, then 09:30:31 10.05 x5 (next bar), 09:31:45 10.10 (a bar is skipped)
        builder.Add(Open.AddSeconds(5), 10.00m, 100);
        builder.Add(Open.AddSeconds(12), 10.20m, 50);
        builder.Add(Open.AddMilliseconds(29_999), 9.90m, 10);
        builder.Add(Open.AddSeconds(31), 10.05m, 5);
        builder.Add(Open.AddSeconds(105), 10.10m, 1);

        // Assert
        Assert.Equal(
            new[] { new Bar(Open, 10.00m, 10.20m, 9.90m, 9.90m, 160m), new Bar(Open.AddSeconds(30), 10.05m, 10.05m, 10.05m, 10.05m, 5m) },
            builder.Closed);
        Assert.Equal(new Bar(Open.AddSeconds(90), 10.10m, 10.10m, 10.10m, 10.10m, 1m), builder.Current);
        Assert.Equal(3, builder.All.Count);
    }

    [Fact]
    public void ALateTick_IsDroppedAndCounted_NeverRewritingAClosedBar()
    {
        var builder = new BarBuilder(30);
        builder.Add(Open.AddSeconds(40), 10m, 1);
        builder.Add(Open.AddSeconds(10), 50m, 1);

        Assert.Equal(1, builder.LateTicks);
        Assert.Equal(10m, builder.Current!.Value.High);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(60)]
    public void Bars_KeepEveryTicksVolume_AndTheRangeOfItsPrices(int barSeconds)
    {
        // Arrange
        var random = new Random(barSeconds);
        var builder = new BarBuilder(barSeconds);
        var ticks = new List<(DateTimeOffset At, decimal Price, decimal Volume)>();
        var at = Open;
        for (var i = 0; i < 500; i++)
        {
            at = at.AddMilliseconds(random.Next(0, 4000));
            ticks.Add((at, 10m + random.Next(-100, 101) / 100m, random.Next(0, 500)));
        }

        // Act
        foreach (var t in ticks) builder.Add(t.At, t.Price, t.Volume);

        // Assert
        var bars = builder.All;
        Assert.Equal(ticks.Sum(t => t.Volume), bars.Sum(b => b.Volume));
        Assert.Equal(ticks.Max(t => t.Price), bars.Max(b => b.High));
        Assert.Equal(ticks.Min(t => t.Price), bars.Min(b => b.Low));
        Assert.Equal(ticks[0].Price, bars[0].Open);
        Assert.Equal(ticks[^1].Price, bars[^1].Close);
        Assert.All(bars, b => Assert.True(b.Low <= Math.Min(b.Open, b.Close) && b.High >= Math.Max(b.Open, b.Close)));
        Assert.All(bars, b => Assert.Equal(0, (b.StartUtc - DateTimeOffset.UnixEpoch).Ticks % TimeSpan.FromSeconds(barSeconds).Ticks));
        Assert.Equal(bars.Count, bars.Select(b => b.StartUtc).Distinct().Count());
    }

    [Fact]
    public void RestoredBars_ContinueWithTheNextTick()
    {
        var builder = new BarBuilder(30);
        builder.Restore([new Bar(Open, 10m, 11m, 9m, 10.5m, 100m)]);
        builder.Add(Open.AddSeconds(20), 11.5m, 10);
        builder.Add(Open.AddSeconds(30), 12m, 1);

        Assert.Equal(new[] { new Bar(Open, 10m, 11.5m, 9m, 11.5m, 110m) }, builder.Closed);
    }
}
