using System.Collections.Concurrent;

namespace BlazorTrader.Engine.MarketData;

/// <summary>The last price seen per symbol. Written by the engine's tick path, read by anyone.</summary>
public sealed record LastPrice(decimal Price, DateTimeOffset At);

public sealed class PriceCache
{
    private readonly ConcurrentDictionary<string, LastPrice> _prices = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string symbol, out LastPrice price) => _prices.TryGetValue(symbol, out price!);

    public IReadOnlyDictionary<string, LastPrice> Snapshot() => new Dictionary<string, LastPrice>(_prices);

    internal void Set(string symbol, decimal price, DateTimeOffset at) => _prices[symbol] = new LastPrice(price, at);
}
