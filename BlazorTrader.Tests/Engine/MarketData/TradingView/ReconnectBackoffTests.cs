using BlazorTrader.Engine.MarketData.TradingView;

namespace BlazorTrader.Tests.Engine.MarketData.TradingView;

public class ReconnectBackoffTests
{
    [Fact]
    public void DelaysDoubleUpToTheMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), jitter: 0);

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalSeconds).ToArray();

        Assert.Equal([1d, 2d, 4d, 8d, 10d, 10d], delays);
    }

    [Fact]
    public void ResetStartsAgainFromTheMinimum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), jitter: 0);
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Theory]
    [InlineData(0.0, 8)]
    [InlineData(0.5, 10)]
    [InlineData(0.99999, 12)]
    public void JitterSpreadsEachDelayAroundItsBase(double random, double expectedSeconds)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), jitter: 0.2, () => random);

        Assert.Equal(expectedSeconds, backoff.Next().TotalSeconds, precision: 3);
    }

    [Fact]
    public void JitterNeverExceedsTheMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), jitter: 0.5, () => 0.99999);

        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Next());
    }

    [Fact]
    public void ManyFailuresDoNotOverflow()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), jitter: 0);

        for (var i = 0; i < 200; i++)
            backoff.Next();

        Assert.Equal(TimeSpan.FromMinutes(1), backoff.Next());
    }
}
