using System.Collections.Concurrent;
using System.Globalization;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>A symbol IB cannot be given an order for (no front month configured, no contract found).</summary>
internal sealed class IbContractException(string message) : Exception(message);

/// <summary>
/// Our tickers to IB contracts and back: <c>MNQ1!</c>/<c>MNQ2!</c> to today's contract by the listing cycle and
/// roll rule (<see cref="ContinuousContracts"/>; a configured <c>InteractiveBrokers:FrontMonths</c> wins),
/// <c>MNQZ2026</c> directly, stocks on SMART, SPX/SPXW options (OCC symbols) by expiry, strike and right through
/// contract details, cached for the process (a continuous ticker per contract month, so the roll re-resolves).
/// </summary>
internal sealed class IbContractResolver(InstrumentCatalog instruments, IReadOnlyDictionary<string, string> frontMonths, TimeProvider? time = null)
{
    private readonly ContinuousContracts _continuous = new(instruments, new TradingCalendar(), frontMonths);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const string MonthCodes = "FGHJKMNQUVXZ";
    // Tasks, so that concurrent orders for one symbol share one REQ_CONTRACT_DATA; a failed lookup is forgotten.
    // Lazy: GetOrAdd may run its factory twice under contention; Lazy makes only one lookup start.
    private readonly ConcurrentDictionary<string, Lazy<Task<TwsContract>>> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<int, string> _symbolsByConId = new();

    /// <param name="conIdOf">Asks TWS for the contract's id (REQ_CONTRACT_DATA); only options need it.</param>
    public async Task<TwsContract> ResolveAsync(string symbol, Func<TwsContract, CancellationToken, Task<int>> conIdOf, CancellationToken ct)
    {
        var month = Continuous(symbol);
        var key = month is null ? symbol : $"{symbol}@{month.Month}";
        var lookup = _cache.GetOrAdd(key, _ => new Lazy<Task<TwsContract>>(() => ResolveCoreAsync(symbol, month, conIdOf, ct)));
        try { return await lookup.Value; }
        catch
        {
            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<TwsContract>>>(key, lookup));
            throw;
        }
    }

    /// <summary>The contract a continuous ticker means now; null for anything else.</summary>
    public ContractMonth? Continuous(string symbol) =>
        instruments.TryParse(symbol, out var t, out _) && t.ContinuousIndex is not null ? _continuous.Resolve(t, _time.GetUtcNow()) : null;

    private async Task<TwsContract> ResolveCoreAsync(string symbol, ContractMonth? continuous, Func<TwsContract, CancellationToken, Task<int>> conIdOf, CancellationToken ct)
    {
        if (!instruments.TryParse(symbol, out var t, out var error)) throw new IbContractException($"'{symbol}' is not a ticker: {error}");
        TwsContract contract;
        if (t.Option is { } option)
        {
            // SPXW is SPX's weekly trading class: the underlying symbol stays SPX.
            var underlying = t.Root == "SPXW" ? "SPX" : t.Root;
            var query = new TwsContract
            {
                Symbol = underlying, SecType = "OPT", LastTradeDateOrContractMonth = option.Expiry.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                Strike = option.Strike, Right = option.Right.ToString(), Multiplier = "100", Exchange = "SMART", Currency = "USD", TradingClass = t.Root,
            };
            contract = query with { ConId = await conIdOf(query, ct) };
        }
        else if (t.IsFuture)
        {
            var spec = instruments.SpecFor(t);
            var month = t.ContinuousIndex is null ? $"{t.Year:D4}{MonthCodes.IndexOf(t.MonthCode!.Value) + 1:D2}"
                : continuous?.Month ?? throw new IbContractException(
                    $"{symbol}: {t.Root} has no listing cycle in the contract specs; set InteractiveBrokers:FrontMonths:{t.Root} (e.g. 202612) or use a dated contract");
            contract = TwsContract.Future(t.Root, month, spec.Exchange);
        }
        else
            contract = TwsContract.Stock(t.Root);
        if (contract.ConId != 0) _symbolsByConId[contract.ConId] = t.Symbol;
        return contract;
    }

    /// <summary>A contract already looked up elsewhere (an option chain's contract details): orders on it need no second lookup.</summary>
    public void Remember(string symbol, TwsContract contract)
    {
        _cache.TryAdd(symbol, new Lazy<Task<TwsContract>>(Task.FromResult(contract)));
        if (contract.ConId != 0) _symbolsByConId[contract.ConId] = symbol;
    }

    /// <summary>Our symbol for a contract IB reports (positions, executions from before a restart).</summary>
    public string ToSymbol(TwsContractSummary c)
    {
        if (c.ConId != 0 && _symbolsByConId.TryGetValue(c.ConId, out var known)) return known;
        if (c.SecType == "FUT" && c.LastTradeDateOrContractMonth.Length >= 6)
        {
            var month = c.LastTradeDateOrContractMonth[..6];
            if (Continuous(c.Symbol + "1!") is { } front && front.Month == month) return c.Symbol + "1!";
            var m = int.Parse(month[4..], CultureInfo.InvariantCulture);
            return $"{c.Symbol}{MonthCodes[m - 1]}{month[..4]}";
        }
        if (c.SecType == "OPT" && c.Strike is { } strike && c.LastTradeDateOrContractMonth.Length >= 8)
        {
            var root = c.TradingClass.Length > 0 ? c.TradingClass : c.Symbol;
            return $"{root}{c.LastTradeDateOrContractMonth[2..8]}{c.Right}{strike * 1000:00000000}";
        }
        return c.Symbol;
    }
}
