using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Tests.Web.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>
/// A replayed tape of three stocks for the gap-and-go day trader, with the values a trader computes by hand (TradingView's
/// ta.rsi / ta.atr / ta.vwap(hlc3)). Wednesday 2026-11-18 closes: GAPR 10.00, STRG 20.00, FLAT 5.00. Thursday from 09:30 ET,
/// sixteen 30-second bars per symbol, each made of two trades (its open at :00/:30, its close 15 s later):
/// GAPR hovers at 10.55-10.62 and ends at 10.60 (gap +6.00 %, RSI 49.93); STRG climbs to 20.80 (RSI 87.34, above VWAP);
/// FLAT sits at 5.00 under its VWAP. The trades' sizes are the same for the three: <see cref="Volumes"/>.
/// </summary>
internal static class GapAndGoTape
{
    /// <summary>Thursday 2026-11-19, 10:00 ET: the scan runs after the tape.</summary>
    public static readonly DateTimeOffset ScanAt = new(2026, 11, 19, 15, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Open = new(2026, 11, 19, 14, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset PreviousClose = new(2026, 11, 18, 20, 59, 45, TimeSpan.Zero);
    public static readonly string[] Universe = ["GAPR", "STRG", "FLAT"];

    static readonly (int Open, int Close)[] Volumes =
        [(100, 200), (150, 150), (120, 80), (200, 100), (90, 110), (100, 100), (130, 70), (60, 140), (100, 100), (80, 120), (110, 90), (100, 100), (70, 130), (150, 50), (100, 100), (120, 80)];

    static readonly Dictionary<string, (decimal Previous, decimal[] Prices)> Bars = new()
    {
        // open/close pairs, bar by bar
        ["GAPR"] = (10.00m, [10.55m, 10.60m, 10.60m, 10.58m, 10.58m, 10.62m, 10.62m, 10.57m, 10.57m, 10.61m, 10.61m, 10.56m, 10.56m, 10.60m, 10.60m, 10.55m,
            10.55m, 10.59m, 10.59m, 10.56m, 10.56m, 10.60m, 10.60m, 10.57m, 10.57m, 10.61m, 10.61m, 10.58m, 10.58m, 10.61m, 10.61m, 10.60m]),
        ["STRG"] = (20.00m, [20.00m, 20.10m, 20.10m, 20.18m, 20.18m, 20.15m, 20.15m, 20.25m, 20.25m, 20.32m, 20.32m, 20.30m, 20.30m, 20.40m, 20.40m, 20.46m,
            20.46m, 20.44m, 20.44m, 20.52m, 20.52m, 20.60m, 20.60m, 20.57m, 20.57m, 20.66m, 20.66m, 20.72m, 20.72m, 20.70m, 20.70m, 20.80m]),
        ["FLAT"] = (5.00m, [5.00m, 5.01m, 5.01m, 5.00m, 5.00m, 5.01m, 5.01m, 5.02m, 5.02m, 5.01m, 5.01m, 5.00m, 5.00m, 5.01m, 5.01m, 5.00m,
            5.00m, 4.99m, 4.99m, 5.00m, 5.00m, 5.01m, 5.01m, 5.00m, 5.00m, 5.01m, 5.01m, 5.00m, 5.00m, 5.01m, 5.01m, 5.00m]),
    };

    /// <summary>The tape in time order: yesterday's last trades, then today's bars.</summary>
    public static IEnumerable<Tick> Ticks()
    {
        foreach (var (symbol, (previous, _)) in Bars) yield return Tick.At1(symbol, previous, PreviousClose, DataMode.Replay, volume: 500);
        for (var bar = 0; bar < Volumes.Length; bar++)
            foreach (var (symbol, (_, prices)) in Bars)
            {
                var start = Open.AddSeconds(30 * bar);
                yield return Tick.At1(symbol, prices[2 * bar], start, DataMode.Replay, volume: Volumes[bar].Open);
                yield return Tick.At1(symbol, prices[2 * bar + 1], start.AddSeconds(15), DataMode.Replay, volume: Volumes[bar].Close);
            }
    }

    /// <summary>Today's bars of the tape as a broker's history reports them (each bar's two trades merged).</summary>
    public static IEnumerable<(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)> TodaysBars(string symbol)
    {
        var prices = Bars[symbol].Prices;
        for (var bar = 0; bar < Volumes.Length; bar++)
        {
            var (open, close) = (prices[2 * bar], prices[2 * bar + 1]);
            yield return (Open.AddSeconds(30 * bar), open, Math.Max(open, close), Math.Min(open, close), close, Volumes[bar].Open + Volumes[bar].Close);
        }
    }

    /// <summary>Wednesday's close of a symbol of the tape.</summary>
    public static decimal PreviousCloseOf(string symbol) => Bars[symbol].Previous;

    /// <summary>Feeds ticks to the engine one at a time (each taken before the next, so none conflate).</summary>
    public static async Task PlayAsync(ExecutionAppFactory app, IEnumerable<Tick> ticks)
    {
        var conflator = app.Services.GetRequiredService<TickConflator>();
        foreach (var tick in ticks)
        {
            conflator.Publish(tick);
            await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(conflator.Backlog == 0), $"the engine to take {tick.Symbol} {tick.Price}");
        }
    }

    /// <summary>A gap-and-go strategy on the three symbols (defaults otherwise), its bars watched by the engine.</summary>
    public static async Task<long> CreateStrategyAsync(ExecutionAppFactory app, long account, object? parameters = null)
    {
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/strategies", new { name = "gap and go", account, kind = "gapAndGo", enabled = true, parameters = parameters ?? new { universe = Universe } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var demand = app.Services.GetRequiredService<ISymbolDemand>();
        // The engine reads the strategies again on its next heartbeat (250 ms of the fake clock).
        await ExecutionAppFactory.EventuallyAsync(() =>
        {
            app.Time.Advance(TimeSpan.FromMilliseconds(250));
            return Task.FromResult(Universe.All(demand.Symbols.Contains));
        }, "the engine to watch the universe");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> PostAsync(ExecutionAppFactory app, string path)
    {
        using var client = app.ApiClient();
        using var response = await client.PostAsync(path, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static JsonElement Item(JsonElement scan, string symbol) =>
        scan.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("symbol").GetString() == symbol);
}
