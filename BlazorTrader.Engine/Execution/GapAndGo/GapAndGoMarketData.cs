using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData.Bars;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>A symbol's bars and previous close as the account's broker reports them.</summary>
internal sealed record BrokerSymbolData(IReadOnlyList<Bar> Today, decimal? PreviousClose);

/// <summary>
/// What the scan asks the account's broker where it has market data (<see cref="IBroker.MarketData"/>, IB): the
/// <c>"scanner"</c> universe (top % gainers, watched like a listed universe from then on), today's bars and the previous
/// close. A broker without it (paper) leaves the scan on the engine's own bars from the feed; a symbol whose history
/// fails or is paced falls back to them too, and the log says so.
/// </summary>
internal sealed class GapAndGoMarketData(BrokerRegistry brokers, SessionBars bars, TradingCalendar calendar, EngineEventHub events, TimeProvider time)
{
    static readonly TimeOnly PremarketOpen = new(4, 0);
    static readonly TimeOnly RegularOpen = new(9, 30);
    static readonly TimeOnly RegularClose = new(16, 0);
    // IB answers up to 50 historical requests at once; a few in flight keep a 50-symbol scan to seconds.
    const int InFlight = 8;
    // The scan runs on the engine loop: a TWS that is connected but slow must not hold it for a minute. What is not in by
    // then falls back to the engine's bars (real time, as the TWS reply timeouts).
    static readonly TimeSpan HistoryBudget = TimeSpan.FromSeconds(20);

    public const string NoScannerNote =
        "universe \"scanner\" needs a broker with a market scanner (Interactive Brokers); this account's broker has none, so no symbol was scanned: list the tickers instead";

    /// <summary>The scan's symbols, and a note when there are none for a reason the table cannot show.</summary>
    public async Task<(IReadOnlyList<string> Symbols, string? Note)> UniverseAsync(GapAndGoStrategy strategy, CancellationToken ct)
    {
        var p = strategy.Parameters;
        if (!p.UsesScanner) return ([.. p.Universe.Select(s => s.ToUpperInvariant())], null);
        var owner = GapAndGoHandler.ScannerOwner(strategy.Id);
        if (MarketDataOf(strategy) is not { } broker) return (bars.Extra(owner), NoScannerNote);
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(HistoryBudget);
            var found = await broker.ScanTopGainersAsync(new TopGainersQuery(p.MinPrice, p.MaxPrice, p.MaxUniverse), budget.Token);
            // Kept with what earlier scans found today, so a symbol bought earlier stays in the universe (and in the liquidation).
            IReadOnlyList<string> symbols = [.. bars.Extra(owner).Concat(found.Select(s => s.ToUpperInvariant())).Distinct(StringComparer.OrdinalIgnoreCase)];
            await bars.WatchExtraAsync(owner, symbols, p.BarSeconds, ct);
            Log(EngineLogLevel.Info, $"Gap-and-go '{strategy.Row.Name}': the broker's scanner found {found.Count} top gainer(s) ${p.MinPrice}-${p.MaxPrice}: {string.Join(", ", found)}");
            return (symbols, found.Count == 0 ? "the broker's scanner found no top gainer in the price range" : null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log(EngineLogLevel.Warning, $"Gap-and-go '{strategy.Row.Name}': the broker's scanner failed ({ex.Message}); scanning what it found before");
            return (bars.Extra(owner), $"the broker's scanner failed: {ex.Message}");
        }
    }

    /// <summary>Each symbol's bars of today and previous close from the broker; empty when the broker has no market data.
    /// In the premarket the bars start at 04:00 ET with extended hours; once the market is open, only the regular session
    /// (IB useRTH=1, as the original read them).</summary>
    public async Task<IReadOnlyDictionary<string, BrokerSymbolData>> HistoryAsync(GapAndGoStrategy strategy, IReadOnlyList<string> symbols, CancellationToken ct)
    {
        if (MarketDataOf(strategy) is not { } broker || symbols.Count == 0) return new Dictionary<string, BrokerSymbolData>();
        var now = time.GetUtcNow();
        var open = calendar.ToUtc(strategy.TradeDate, RegularOpen);
        var premarket = now < open;
        var start = premarket ? calendar.ToUtc(strategy.TradeDate, PremarketOpen) : open;
        var end = premarket ? now : Min(now, calendar.ToUtc(strategy.TradeDate, RegularClose));
        var previous = bars.PreviousTradeDate(strategy.TradeDate);
        var barSeconds = strategy.Parameters.BarSeconds;

        using var gate = new SemaphoreSlim(InFlight);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(HistoryBudget);
        var results = await Task.WhenAll(symbols.Select(async symbol =>
        {
            var entered = false;
            decimal? close = null;
            try
            {
                await gate.WaitAsync(budget.Token);
                entered = true;
                close = await broker.GetPreviousCloseAsync(symbol, previous, budget.Token);
                var today = end > start
                    ? await broker.GetSessionBarsAsync(new SessionBarsQuery(symbol, barSeconds, start, end, !premarket), budget.Token)
                    : new BrokerBars([]);
                // Paced: the last answer is already merged into the engine's bars, which also have the ticks since.
                return today.Paced
                    ? (symbol, Data: new BrokerSymbolData([], close), Problem: "paced (IB allows 60 requests of small bars per 10 minutes)")
                    : (symbol, Data: (BrokerSymbolData?)new BrokerSymbolData(today.Bars, close), Problem: (string?)null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The bars failed after the previous close came: the close is still the broker's.
                return (symbol, Data: close is null ? null : new BrokerSymbolData([], close),
                    Problem: ex is OperationCanceledException ? $"no answer within {HistoryBudget.TotalSeconds:0} s" : ex.Message);
            }
            finally
            {
                if (entered) gate.Release();
            }
        }));

        var problems = results.Where(r => r.Problem is not null).ToList();
        if (problems.Count > 0)
            Log(EngineLogLevel.Warning, $"Gap-and-go '{strategy.Row.Name}': broker history of {problems.Count} symbol(s) not fresh, "
                + $"the engine's own bars used: {string.Join("; ", problems.Select(r => $"{r.symbol}: {r.Problem}"))}");
        foreach (var (symbol, data, _) in results)
            if (data is { Today.Count: > 0 }) bars.Merge(symbol, barSeconds, data.Today);
        return results.Where(r => r.Data is not null).ToDictionary(r => r.symbol, r => r.Data!, StringComparer.OrdinalIgnoreCase);
    }

    IBrokerMarketData? MarketDataOf(GapAndGoStrategy strategy) => brokers.TryGet(strategy.AccountId, out var broker) ? broker.MarketData : null;

    void Log(EngineLogLevel level, string message) => events.Publish(new LogEntry(time.GetUtcNow(), level, message));

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
