using System.Collections.Concurrent;

namespace BlazorTrader.Engine.MarketData;

/// <summary>The last price of a symbol, how live it was and when it arrived.</summary>
public readonly record struct LastPrice(decimal Price, DateTimeOffset At, DataMode Mode, int DelaySeconds);

/// <summary>
/// The last price seen per symbol. Written only by the engine's tick path (one mutable slot per symbol,
/// so an update allocates nothing), read by anyone.
/// </summary>
public sealed class PriceCache
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string symbol, out LastPrice price)
    {
        if (_slots.TryGetValue(symbol, out var slot))
        {
            lock (slot) price = slot.Value;
            return true;
        }
        price = default;
        return false;
    }

    public IReadOnlyDictionary<string, LastPrice> Snapshot()
    {
        var copy = new Dictionary<string, LastPrice>(StringComparer.OrdinalIgnoreCase);
        foreach (var (symbol, slot) in _slots)
        {
            lock (slot) copy[symbol] = slot.Value;
        }
        return copy;
    }

    internal void Set(in Tick tick)
    {
        var slot = _slots.GetOrAdd(tick.Symbol, static _ => new Slot());
        lock (slot) slot.Value = new LastPrice(tick.Price, tick.At, tick.Mode, tick.DelaySeconds);
    }

    private sealed class Slot
    {
        public LastPrice Value;
    }
}
