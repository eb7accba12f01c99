using System.Collections.Concurrent;
using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class InteractiveBrokersTickSourceTests
{
    [Fact]
    public async Task DelayedMarketData_BecomesTicks_MarkedDelayed()
    {
        // Arrange: the fake answers REQ_MKT_DATA with MARKET_DATA_TYPE 3 and a delayed bid (66); a bid alone is no price
        await using var fake = FakeTwsServer.Start();
        var options = Options.Create(new InteractiveBrokersOptions
        {
            MarketDataPort = fake.Port, MarketDataClientId = 42, MarketDataType = 3, KeepAliveSeconds = 0, MessagesPerSecond = 10_000, Burst = 10_000,
            FrontMonths = new(StringComparer.OrdinalIgnoreCase) { ["MNQ"] = "202603" },
        });
        var source = new InteractiveBrokersTickSource(options, InstrumentCatalog.FromConfiguration(null), new Demand("MNQ1!"), TimeProvider.System,
            NullLoggerFactory.Instance);
        var sink = new Sink();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // Act
        var run = source.RunAsync(sink, stop.Token);
        await fake.WaitForReceivedAsync(1);
        var requestId = fake.ReceivedMessages(1)[0][2];
        await fake.SendToAllAsync("1", "6", requestId, "68", "21501.5", "1", "0");   // delayed last
        await TwsTestExtensions.EventuallyAsync(() => !sink.Ticks.IsEmpty, "a tick");
        await stop.CancelAsync();
        await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        // Assert: market data type 3 asked for, the contract from the roll table, the tick delayed
        var type = Assert.Single(fake.ReceivedMessages(59));
        Assert.Equal("3", type[2]);
        var request = Assert.Single(fake.ReceivedMessages(1));
        Assert.Equal(("MNQ", "FUT", "202603", "CME"), (request[4], request[5], request[6], request[10]));
        var tick = sink.Ticks.First();
        Assert.Equal(("MNQ1!", 21501.5m, DataMode.Delayed), (tick.Symbol, tick.Price, tick.Mode));
        Assert.True(tick.DelaySeconds > 0);
        Assert.Contains(42, fake.StartApiClientIds);
    }

    private sealed class Demand(params string[] symbols) : ISymbolDemand
    {
        public IReadOnlyCollection<string> Symbols => symbols;
        public event Action? Changed { add { } remove { } }
    }

    private sealed class Sink : ITickSink
    {
        public ConcurrentQueue<Tick> Ticks { get; } = new();
        public void Publish(in Tick tick) => Ticks.Enqueue(tick);
    }
}
