using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.MarketData;

public class SimulatedPriceStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bt-sim-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 17, 15, 0, 0, TimeSpan.Zero));

    private sealed class NoDemand : ISymbolDemand
    {
        public IReadOnlyCollection<string> Symbols => [];
#pragma warning disable CS0067   // never raised: the set never changes
        public event Action? Changed;
#pragma warning restore CS0067
    }

    private SimulatedTickSource Feed() => new(
        Options.Create(new MarketDataOptions { SimulatedSymbols = new(StringComparer.OrdinalIgnoreCase) { ["MNQ1!"] = 21000m } }),
        InstrumentCatalog.FromConfiguration(null), new NoDemand(), new PriceCache(), _time,
        new SimulatedPriceStore(Path.Combine(_directory, "simulated-prices.json"), _time));

    [Fact]
    public void ARestartedFeed_ContinuesFromItsLastPublishedPrice_NotFromTheStartPrice()
    {
        // Arrange: the feed last published 25000 (far from its 21000 start), saved as it does when it stops
        const decimal last = 25000m;
        new SimulatedPriceStore(Path.Combine(_directory, "simulated-prices.json"), _time)
            .Save(new Dictionary<string, decimal> { ["MNQ1!"] = last }, force: true);

        // Act
        var next = Feed().Step("MNQ1!");

        // Assert: one step (at most 4 ticks of 0.25) from where it stopped
        Assert.InRange(next, last - 1m, last + 1m);
    }

    [Fact]
    public void SavesAtMostEveryFewSeconds_UnlessForced()
    {
        var path = Path.Combine(_directory, "simulated-prices.json");
        var store = new SimulatedPriceStore(path, _time);
        store.Save(new Dictionary<string, decimal> { ["MNQ1!"] = 1m });

        store.Save(new Dictionary<string, decimal> { ["MNQ1!"] = 2m });
        var early = store.Load()["MNQ1!"];
        _time.Advance(SimulatedPriceStore.SaveInterval);
        store.Save(new Dictionary<string, decimal> { ["MNQ1!"] = 3m });

        Assert.Equal((1m, 3m), (early, store.Load()["MNQ1!"]));
    }

    [Fact]
    public void AMissingOrBrokenFile_StartsFromTheConfiguredPrice()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "simulated-prices.json"), "{not json");

        var next = Feed().Step("MNQ1!");

        Assert.InRange(next, 20999m, 21001m);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
