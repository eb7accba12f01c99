using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Tests.Engine.MarketData;

public class TickConflatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 45, 0, TimeSpan.Zero);

    [Fact]
    public void TicksWaitingForTheEngine_MergeIntoOne_KeepingHighAndLow()
    {
        // Arrange
        var conflator = new TickConflator();

        // Act: five ticks arrive before the engine reads
        foreach (var price in new[] { 100m, 104m, 97m, 101m, 99m })
            conflator.Publish(Tick.At1("ES1!", price, T0));

        // Assert
        Assert.True(conflator.Reader.TryRead(out var slot));
        var tick = conflator.Take(slot);
        Assert.Equal((99m, 104m, 97m), (tick.Price, tick.High, tick.Low));
        Assert.False(conflator.Reader.TryRead(out _));
        Assert.Equal(4, conflator.Conflated);
    }

    [Fact]
    public void TicksTakenAsTheyArrive_PassOneByOne()
    {
        var conflator = new TickConflator();
        var seen = new List<Tick>();

        foreach (var price in new[] { 100m, 104m, 97m })
        {
            conflator.Publish(Tick.At1("ES1!", price, T0));
            Assert.True(conflator.Reader.TryRead(out var slot));
            seen.Add(conflator.Take(slot));
        }

        Assert.Equal([100m, 104m, 97m], seen.Select(t => t.High));
        Assert.Equal(0, conflator.Conflated);
    }

    [Fact]
    public void Symbols_AreConflatedSeparately()
    {
        var conflator = new TickConflator();

        conflator.Publish(Tick.At1("ES1!", 100m, T0));
        conflator.Publish(Tick.At1("NQ1!", 200m, T0));
        conflator.Publish(Tick.At1("ES1!", 90m, T0));

        var ticks = new List<Tick>();
        while (conflator.Reader.TryRead(out var slot)) ticks.Add(conflator.Take(slot));
        Assert.Equal([("ES1!", 90m, 100m, 90m), ("NQ1!", 200m, 200m, 200m)], ticks.Select(t => (t.Symbol, t.Price, t.High, t.Low)));
    }

    [Fact]
    public async Task ConcurrentPublishers_LoseNoExtreme()
    {
        var conflator = new TickConflator();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) conflator.Publish(Tick.At1("CL1!", 50m + (w * 10_000 + i) % 997 / 100m, T0));
        })));

        Assert.True(conflator.Reader.TryRead(out var slot));
        var tick = conflator.Take(slot);
        Assert.Equal(50m, tick.Low);
        Assert.Equal(59.96m, tick.High);
        Assert.Equal(40_000, conflator.Published);
    }
}
