using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Engine;

/// <summary>
/// The engine's hot path for one tick, shared by the engine loop and the benchmark: remember the price,
/// reprice the symbol's open positions and collect TP/SL decisions. No I/O, no allocation.
/// </summary>
public sealed class TickPath(PriceCache prices, LiveBook book)
{
    public void Apply(in Tick tick, List<ExitFill> fills)
    {
        prices.Set(tick);
        book.OnTick(tick, fills);
    }
}
