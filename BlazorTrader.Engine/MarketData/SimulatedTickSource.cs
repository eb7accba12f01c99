using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.MarketData;

/// <summary>
/// The offline default: a random walk per symbol, one step every interval, rounded to the instrument's
/// tick. It continues from the prices it last published (<see cref="SimulatedPriceStore"/>), else from
/// the price cache, else from the configured start price, so a restart is not a price jump.
/// </summary>
public sealed class SimulatedTickSource(
    IOptions<MarketDataOptions> options,
    InstrumentCatalog instruments,
    ISymbolDemand demand,
    PriceCache prices,
    TimeProvider time,
    SimulatedPriceStore? store = null) : ITickSource
{
    private readonly Dictionary<string, decimal> _last = store?.Load() ?? new(StringComparer.OrdinalIgnoreCase);
    private readonly Random _random = new();

    public string Name => "Simulated";

    public bool Connected { get; private set; }

    public async Task RunAsync(ITickSink sink, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.SimulatedIntervalMs), time);
        Connected = true;
        try
        {
            do
            {
                // A made-up size per step (100 to 900 shares) so VWAP has something to weigh on the simulated feed.
                foreach (var symbol in Symbols()) sink.Publish(Tick.At1(symbol, Step(symbol), time.GetUtcNow(), DataMode.Simulated, volume: _random.Next(1, 10) * 100));
                store?.Save(_last);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            Connected = false;
            store?.Save(_last, force: true);
        }
    }

    private IEnumerable<string> Symbols() => options.Value.SimulatedSymbols.Keys.Concat(demand.Symbols).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Moves the symbol up or down by 0 to 4 ticks.</summary>
    internal decimal Step(string symbol)
    {
        var spec = instruments.SpecFor(symbol);
        if (!_last.TryGetValue(symbol, out var price))
        {
            price = prices.TryGet(symbol, out var known) ? known.Price
                : options.Value.SimulatedSymbols.TryGetValue(symbol, out var start) ? start : 100m;
        }
        var next = spec.RoundToTick(price + _random.Next(-4, 5) * spec.TickSizeAt(price));
        if (next <= 0) next = spec.TickSizeAt(0);
        _last[symbol] = next;
        return next;
    }
}
