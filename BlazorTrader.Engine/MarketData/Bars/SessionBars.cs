using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.GapAndGo;
using BlazorTrader.Engine.Strategies.Indicators;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.MarketData.Bars;

/// <summary>
/// Bars of the symbols the built-in strategies watch, built by the engine from the feed's ticks by tick time (any
/// feed: simulated, replay, TradingView, IB) and kept in <c>market_bars</c>, so a restart has today's bars and the
/// previous trade date's close. Broker history (<see cref="Merge"/>) fills what the engine did not see. Engine thread
/// only (ticks, heartbeats, scans), except <see cref="Invalidate"/>.
/// </summary>
public sealed class SessionBars(IDbContextFactory<TradingDbContext> dbFactory, SymbolDemand demand, TradingCalendar calendar, TimeProvider time)
{
    static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    static readonly TimeOnly RegularClose = new(16, 0);

    sealed class Series(int barSeconds)
    {
        public BarBuilder Builder = new(barSeconds);
        public readonly int BarSeconds = barSeconds;
        public readonly HashSet<DateTimeOffset> Dirty = [];
    }

    readonly Dictionary<string, List<Series>> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, (IReadOnlyCollection<string> Symbols, int BarSeconds)> _extra = [];
    DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    volatile bool _stale = true;

    /// <summary>Strategies changed (saved, enabled, deleted): the next heartbeat reads their universes again.</summary>
    public void Invalidate() => _stale = true;

    public bool IsWatching(string symbol) => _bySymbol.ContainsKey(symbol);

    /// <summary>Symbols a strategy found at run time (the broker's scanner), watched as if they were in its universe.</summary>
    public async Task WatchExtraAsync(string owner, IReadOnlyCollection<string> symbols, int barSeconds, CancellationToken ct)
    {
        _extra[owner] = (symbols, barSeconds);
        await WatchAsync(symbols.Select(s => (s, barSeconds)), ct, replace: false);
    }

    public IReadOnlyList<string> Extra(string owner) => _extra.TryGetValue(owner, out var e) ? [.. e.Symbols] : [];

    /// <summary>The hot path: one tick into every series of its symbol. No I/O.</summary>
    public void OnTick(in Tick tick)
    {
        if (_bySymbol.Count == 0 || !_bySymbol.TryGetValue(tick.Symbol, out var all)) return;
        foreach (var series in all)
        {
            // A conflated tick carries the range of the prices it merged: the bar keeps that range too.
            if (tick.High != tick.Price) series.Builder.Add(tick.At, tick.High, 0);
            if (tick.Low != tick.Price) series.Builder.Add(tick.At, tick.Low, 0);
            series.Builder.Add(tick.At, tick.Price, tick.Volume);
            if (series.Builder.Current is { } current) series.Dirty.Add(current.StartUtc);
        }
    }

    /// <summary>Heartbeat: reads the strategies again when stale, and writes the bars changed since the last call.</summary>
    public async Task OnHeartbeatAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_stale || now - _refreshedAt >= RefreshEvery) await RefreshAsync(ct);
        await FlushAsync(ct);
    }

    /// <summary>The watched symbols from the enabled gap-and-go strategies (and what their scanners found).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        _stale = false;
        _refreshedAt = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ScheduledStrategies.AsNoTracking().Where(s => s.Kind == StrategyKind.GapAndGo && s.Enabled)
            .Select(s => s.ParametersJson).ToListAsync(ct);
        var wanted = new List<(string, int)>();
        foreach (var json in rows)
        {
            if (StrategyParametersJson.Parse(StrategyKind.GapAndGo, json, out _) is not GapAndGoParameters p) continue;
            if (!p.UsesScanner) wanted.AddRange(p.Universe.Select(s => (s.ToUpperInvariant(), p.BarSeconds)));
        }
        foreach (var (symbols, seconds) in _extra.Values) wanted.AddRange(symbols.Select(s => (s, seconds)));
        await WatchAsync(wanted, ct, replace: true);
    }

    async Task WatchAsync(IEnumerable<(string Symbol, int BarSeconds)> wanted, CancellationToken ct, bool replace)
    {
        var set = wanted.Select(w => (Symbol: w.Symbol.ToUpperInvariant(), w.BarSeconds)).ToHashSet();
        if (replace)
        {
            foreach (var symbol in _bySymbol.Keys.ToList())
            {
                _bySymbol[symbol].RemoveAll(s => !set.Contains((symbol, s.BarSeconds)) && s.Dirty.Count == 0);
                if (_bySymbol[symbol].Count == 0) _bySymbol.Remove(symbol);
            }
        }
        var since = calendar.ToUtc(PreviousTradeDate(TradeDate(time.GetUtcNow())), TimeOnly.MinValue).UtcDateTime;
        foreach (var (symbol, seconds) in set)
        {
            if (_bySymbol.TryGetValue(symbol, out var list) && list.Any(s => s.BarSeconds == seconds)) continue;
            var series = new Series(seconds);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var kept = await db.MarketBars.AsNoTracking().Where(b => b.Symbol == symbol && b.BarSeconds == seconds && b.StartUtc >= since)
                .OrderBy(b => b.StartUtc).ToListAsync(ct);
            series.Builder.Restore(kept.Select(ToBar));
            if (!_bySymbol.TryGetValue(symbol, out list)) _bySymbol[symbol] = list = [];
            list.Add(series);
        }
        demand.Watch([.. _bySymbol.Keys]);
    }

    /// <summary>Writes every bar touched since the last flush (the bar being built too, so a crash loses at most a heartbeat).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var touched = _bySymbol.SelectMany(kv => kv.Value.Where(s => s.Dirty.Count > 0).Select(s => (Symbol: kv.Key, Series: s))).ToList();
        if (touched.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (symbol, series) in touched)
        {
            var starts = series.Dirty.Select(d => d.UtcDateTime).ToList();
            var existing = await db.MarketBars.Where(b => b.Symbol == symbol && b.BarSeconds == series.BarSeconds && starts.Contains(b.StartUtc))
                .ToDictionaryAsync(b => b.StartUtc, ct);
            foreach (var bar in series.Builder.All.Where(b => series.Dirty.Contains(b.StartUtc)))
            {
                if (!existing.TryGetValue(bar.StartUtc.UtcDateTime, out var row))
                    db.MarketBars.Add(row = new MarketBarEntity { Symbol = symbol, BarSeconds = series.BarSeconds, StartUtc = bar.StartUtc.UtcDateTime });
                (row.Open, row.High, row.Low, row.Close, row.Volume) = (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume);
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (_, series) in touched) series.Dirty.Clear();
    }

    /// <summary>
    /// Bars from the broker's history for a symbol: they replace the engine's own bars of the same buckets before the
    /// bar being built (the broker saw every trade; the feed may have been conflated or late). Kept like the engine's.
    /// </summary>
    public void Merge(string symbol, int barSeconds, IReadOnlyList<Bar> history)
    {
        if (!_bySymbol.TryGetValue(symbol, out var list) || list.FirstOrDefault(s => s.BarSeconds == barSeconds) is not { } series) return;
        var current = series.Builder.Current;
        var merged = history.Where(b => current is null || b.StartUtc < current.Value.StartUtc).ToDictionary(b => b.StartUtc);
        foreach (var own in series.Builder.All) merged.TryAdd(own.StartUtc, own);
        series.Builder = new BarBuilder(barSeconds);
        series.Builder.Restore(merged.Values);
        foreach (var bar in history) series.Dirty.Add(bar.StartUtc);
    }

    /// <summary>What a scan reads of one symbol: today's bars (its trade date, premarket included) and the previous close.</summary>
    public (IReadOnlyList<Bar> Today, decimal? PreviousClose) Of(string symbol, int barSeconds, DateOnly tradeDate)
    {
        if (!_bySymbol.TryGetValue(symbol, out var list) || list.FirstOrDefault(s => s.BarSeconds == barSeconds) is not { } series) return ([], null);
        var all = series.Builder.All;
        var todayStart = calendar.ToUtc(tradeDate, TimeOnly.MinValue);
        var previous = PreviousTradeDate(tradeDate);
        var (previousStart, previousClose) = (calendar.ToUtc(previous, TimeOnly.MinValue), calendar.ToUtc(previous, RegularClose));
        var today = all.Where(b => b.StartUtc >= todayStart && b.StartUtc < todayStart.AddDays(1)).ToList();
        // The last regular-session price of the previous trade date: the close of its last bar that starts before 16:00 ET.
        var last = all.LastOrDefault(b => b.StartUtc >= previousStart && b.StartUtc < previousClose);
        return (today, last.Close > 0 ? last.Close : null);
    }

    public DateOnly TradeDate(DateTimeOffset utc) => calendar.TradeDate(utc, Market.Nyse);

    public DateOnly PreviousTradeDate(DateOnly date)
    {
        var d = date.AddDays(-1);
        while (!calendar.IsTradingDay(d, Market.Nyse)) d = d.AddDays(-1);
        return d;
    }

    static Bar ToBar(MarketBarEntity b) => new(new DateTimeOffset(b.StartUtc, TimeSpan.Zero), b.Open, b.High, b.Low, b.Close, b.Volume);
}
