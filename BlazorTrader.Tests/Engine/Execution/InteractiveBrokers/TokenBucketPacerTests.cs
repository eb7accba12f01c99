using BlazorTrader.Engine.Execution.InteractiveBrokers;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class TokenBucketPacerTests
{
    [Fact]
    public void FullBucket_LetsTheBurstThrough_ThenOneMessagePerInterval()
    {
        var time = new FakeTimeProvider();
        var pacer = new TokenBucketPacer(time, messagesPerSecond: 10, burst: 3);

        Assert.True(pacer.TryAcquire(out _));
        Assert.True(pacer.TryAcquire(out _));
        Assert.True(pacer.TryAcquire(out _));
        Assert.False(pacer.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(100), wait);

        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(pacer.TryAcquire(out _));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(pacer.TryAcquire(out _));
        Assert.False(pacer.TryAcquire(out _));
    }

    [Fact]
    public void IdleTime_RefillsNoMoreThanTheBurst()
    {
        var time = new FakeTimeProvider();
        var pacer = new TokenBucketPacer(time, messagesPerSecond: 10, burst: 3);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(3, Enumerable.Range(0, 10).Count(i => pacer.TryAcquire(out _)));
    }

    [Theory]
    [InlineData(45, 5, 1)]
    [InlineData(45, 5, 2)]
    [InlineData(49, 1, 3)]
    [InlineData(30, 20, 4)]
    public void NoOneSecondWindow_EverHoldsFiftyMessages_UnderRandomDemand(int rate, int burst, int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider();
        var pacer = new TokenBucketPacer(time, rate, burst);
        var sent = new List<DateTimeOffset>();

        // Bursts of demand separated by random idle gaps; each message waits exactly as long as the pacer says.
        while (sent.Count < 2_000)
        {
            for (var demand = random.Next(1, 120); demand > 0; demand--)
            {
                while (!pacer.TryAcquire(out var wait))
                    time.Advance(wait);
                sent.Add(time.GetUtcNow());
            }
            time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 3_000)));
        }

        var maxInAnySecond = 0;
        for (int first = 0, last = 0; last < sent.Count; last++)
        {
            while (sent[last] - sent[first] >= TimeSpan.FromSeconds(1))
                first++;
            maxInAnySecond = Math.Max(maxInAnySecond, last - first + 1);
        }
        Assert.True(maxInAnySecond < 50, $"{maxInAnySecond} messages within one second");
        Assert.Equal(Math.Min(50 - 1, burst - 1 + rate), maxInAnySecond);
    }

    [Fact]
    public async Task WaitAsync_CompletesWhenTheClockReachesTheNextSlot()
    {
        var time = new FakeTimeProvider();
        var pacer = new TokenBucketPacer(time, messagesPerSecond: 10, burst: 1);
        await pacer.WaitAsync(default);

        var second = pacer.WaitAsync(default).AsTask();
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));

        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
