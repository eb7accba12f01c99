using BlazorTrader.Engine;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Bench;

/// <summary>The scenario of issue 3: 1,000 open positions over 50 symbols, each with a trade with two targets and a stop.</summary>
internal static class TickBook
{
    public const int Symbols = 50;
    public const int PositionsPerSymbol = 20;
    public const decimal Start = 5000m;

    public static (TickPath Path, LiveBook Book, string[] Names) Create()
    {
        var book = new LiveBook();
        var names = Enumerable.Range(0, Symbols).Select(i => $"SYM{i}").ToArray();
        long id = 0;
        foreach (var name in names)
        {
            for (var p = 0; p < PositionsPerSymbol; p++)
            {
                var side = p % 2 == 0 ? Side.Long : Side.Short;
                var position = new LivePosition
                {
                    PositionId = ++id, RecorderId = p, Symbol = name, Side = side, Quantity = 2, AverageEntry = Start, Grid = new PriceGrid(0.25m, 12.5m),
                };
                // Levels far away, so the benchmark measures the repricing and checking, not database exits.
                var d = (int)side;
                position.Trades.Add(new LiveTrade
                {
                    TradeId = id, Side = side, Entry = Start, Quantity = 2, OpenQuantity = 2, BestPrice = Start,
                    Targets = [new LiveTarget(Start + d * 1000m, 1, false), new LiveTarget(Start + d * 2000m, 2, false)],
                    Stop = Start - d * 1000m, TrailTrigger = 500m, TrailDistance = 100m,
                });
                book.Upsert(position);
            }
        }
        return (new TickPath(new PriceCache(), book), book, names);
    }

    /// <summary>A deterministic walk of ±4 quarter points, symbol after symbol.</summary>
    public static Tick[] Ticks(string[] names, int count)
    {
        var random = new Random(42);
        var prices = names.ToDictionary(n => n, _ => Start);
        var at = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var ticks = new Tick[count];
        for (var i = 0; i < count; i++)
        {
            var name = names[i % names.Length];
            var price = prices[name] += random.Next(-4, 5) * 0.25m;
            ticks[i] = Tick.At1(name, price, at.AddTicks(i));
        }
        return ticks;
    }
}
