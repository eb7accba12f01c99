using System.Collections.Concurrent;
using System.Globalization;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>A symbol IB cannot be given an order for (no front month configured, no contract found).</summary>
internal sealed class IbContractException(string message) : Exception(message);

/// <summary>REQ_CONTRACT_DATA: every contract TWS answers for the query (an <see cref="IbContractException"/> when it knows none).</summary>
internal delegate Task<IReadOnlyList<ContractDataMessage>> IbContractLookup(TwsContract query, CancellationToken ct);

/// <summary>
/// Our tickers to IB contracts and back. A continuous future (<c>MNQ1!</c>) needs no configuration: IB's CONTFUT
/// contract details name the front contract's conId, and the order goes to that FUT by conId; <c>2!</c> is the contract
/// after it in IB's FUT chain (contract details without a month, ordered by expiry). Answers are cached per trade date,
/// so the first order of each trading day asks again and the roll is seen. A configured <c>InteractiveBrokers:FrontMonths</c>
/// wins; when IB has no answer (or the caller cannot ask, as the tick source), the listing rule decides
/// (<see cref="ContinuousContracts"/>). <c>MNQZ2026</c> goes directly, stocks to SMART, SPX/SPXW options (OCC symbols)
/// by expiry, strike and right through contract details, cached for the process.
/// </summary>
internal sealed class IbContractResolver(InstrumentCatalog instruments, IReadOnlyDictionary<string, string> frontMonths, TimeProvider? time = null,
    BrokerContractMonths? resolved = null)
{
    private static readonly TradingCalendar Calendar = new();
    private readonly ContinuousContracts _continuous = new(instruments, Calendar, frontMonths);
    private readonly BrokerContractMonths _resolved = resolved ?? new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private const string MonthCodes = "FGHJKMNQUVXZ";
    // Tasks, so that concurrent orders for one symbol share one REQ_CONTRACT_DATA; a failed lookup is forgotten.
    // Lazy: GetOrAdd may run its factory twice under contention; Lazy makes only one lookup start.
    private readonly ConcurrentDictionary<string, Lazy<Task<TwsContract>>> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<int, string> _symbolsByConId = new();

    public async Task<TwsContract> ResolveAsync(string symbol, IbContractLookup lookup, CancellationToken ct)
    {
        var key = CacheKey(symbol);
        var entry = _cache.GetOrAdd(key, _ => new Lazy<Task<TwsContract>>(() => ResolveCoreAsync(symbol, lookup, ct)));
        try { return await entry.Value; }
        catch
        {
            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<TwsContract>>>(key, entry));
            throw;
        }
    }

    /// <summary>
    /// What an order pinned to <paramref name="month"/> is resolved as: the continuous ticker itself while that month is what
    /// it means today (ordered by IB's conId), else the dated contract (MNQ1! held in 202612 after the roll: MNQZ2026).
    /// </summary>
    public string OrderSymbol(string symbol, string? month) =>
        month is null || Continuous(symbol)?.Month == month ? symbol : instruments.InMonth(symbol, month);

    /// <summary>The contract a continuous ticker means now (IB's answer of today when there is one); null for anything else.</summary>
    public ContractMonth? Continuous(string symbol)
    {
        if (!instruments.TryParse(symbol, out var t, out _) || t.ContinuousIndex is null) return null;
        var now = _time.GetUtcNow();
        var rule = _continuous.Resolve(t, now);
        return rule is { Source: ContractMonthSource.Configured } ? rule : _resolved.Find(t.Symbol, TradeDate(t, now))?.Month ?? rule;
    }

    // A continuous ticker is cached per trade date: the next trading day asks IB again, so the roll is seen.
    private string CacheKey(string symbol) => instruments.TryParse(symbol, out var t, out _) && t.ContinuousIndex is not null
        ? $"{t.Symbol}@{TradeDate(t, _time.GetUtcNow()):yyyyMMdd}" : symbol;

    private DateOnly TradeDate(ParsedTicker t, DateTimeOffset utc) => Calendar.TradeDate(utc, instruments.SpecFor(t).Market);

    private async Task<TwsContract> ResolveCoreAsync(string symbol, IbContractLookup lookup, CancellationToken ct)
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
            var found = await lookup(query, ct);
            contract = query with
            {
                ConId = found.FirstOrDefault()?.Contract.ConId
                    ?? throw new IbContractException($"IB knows no {query.Symbol} {query.TradingClass} {query.LastTradeDateOrContractMonth} {query.Strike} {query.Right} contract"),
            };
        }
        else if (t.ContinuousIndex is not null)
            return await ContinuousAsync(symbol, t, lookup, ct);
        else if (t.IsFuture)
            contract = TwsContract.Future(t.Root, $"{t.Year:D4}{MonthCodes.IndexOf(t.MonthCode!.Value) + 1:D2}", instruments.SpecFor(t).Exchange);
        else
            contract = TwsContract.Stock(t.Root);
        if (contract.ConId != 0) _symbolsByConId[contract.ConId] = t.Symbol;
        return contract;
    }

    private async Task<TwsContract> ContinuousAsync(string symbol, ParsedTicker t, IbContractLookup lookup, CancellationToken ct)
    {
        var spec = instruments.SpecFor(t);
        var now = _time.GetUtcNow();
        var tradeDate = TradeDate(t, now);
        var rule = _continuous.Resolve(t, now);
        if (rule is { Source: ContractMonthSource.Configured }) return TwsContract.Future(t.Root, rule.Month, spec.Exchange);
        if (_resolved.Find(t.Symbol, tradeDate) is { } known) return ByConId(t.Root, known, spec);
        try
        {
            var chosen = await FromContractDetailsAsync(t, spec, lookup, ct);
            var month = ToContractMonth(spec, chosen);
            var answer = new BrokerContractMonth(tradeDate, month, chosen.Contract.ConId);
            _resolved.Record(t.Symbol, answer);
            return ByConId(t.Root, answer, spec);
        }
        catch (IbContractException) when (rule is not null)
        {
            return TwsContract.Future(t.Root, rule.Month, spec.Exchange);
        }
        catch (IbContractException ex)
        {
            throw new IbContractException($"{symbol}: IB has no contract for it ({ex.Message}) and {t.Root} has no listing cycle in the contract specs; "
                + $"set InteractiveBrokers:FrontMonths:{t.Root} (e.g. 202612) or use a dated contract");
        }
    }

    /// <summary><c>1!</c>: the CONTFUT's front contract (or the configured month); <c>n!</c>: n-1 contracts after it in the FUT chain by expiry.</summary>
    private async Task<ContractDataMessage> FromContractDetailsAsync(ParsedTicker t, ContractSpec spec, IbContractLookup lookup, CancellationToken ct)
    {
        var configured = _continuous.Resolve(t with { ContinuousIndex = 1 }, _time.GetUtcNow()) is { Source: ContractMonthSource.Configured } c ? c.Month : null;
        ContractDataMessage? front = null;
        if (configured is null)
        {
            front = (await lookup(new TwsContract { Symbol = t.Root, SecType = "CONTFUT", Exchange = spec.Exchange, Currency = "USD" }, ct)).FirstOrDefault()
                ?? throw new IbContractException($"no CONTFUT contract details for {t.Root}");
            if (t.ContinuousIndex == 1) return front;
        }
        var chain = (await lookup(new TwsContract { Symbol = t.Root, SecType = "FUT", Exchange = spec.Exchange, Currency = "USD" }, ct))
            .OrderBy(Expiry, StringComparer.Ordinal).ToList();
        var at = chain.FindIndex(d => front is not null ? d.Contract.ConId == front.Contract.ConId : MonthOf(d) == configured);
        var index = at + t.ContinuousIndex!.Value - 1;
        return at >= 0 && index < chain.Count ? chain[index]
            : throw new IbContractException($"IB's {t.Root} futures chain has no contract {t.ContinuousIndex} after the front month");
    }

    /// <summary>"The conId from reqContractDetails plus the exchange" is IB's preferred way to name a future (reference §5.2).</summary>
    private static TwsContract ByConId(string root, BrokerContractMonth resolved, ContractSpec spec) =>
        TwsContract.Future(root, resolved.Month.Month, spec.Exchange) with { ConId = resolved.ConId };

    /// <summary>IB's month and last trade date; the roll date the listing rule gives that month (IB does not say when it rolls).</summary>
    private ContractMonth ToContractMonth(ContractSpec spec, ContractDataMessage details)
    {
        var month = MonthOf(details);
        var ruled = _continuous.Month(spec, int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[4..6], CultureInfo.InvariantCulture));
        var lastTrade = Expiry(details).Length >= 8
            && DateOnly.TryParseExact(Expiry(details)[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : ruled.LastTradeDate;
        return ruled with { LastTradeDate = lastTrade, Source = ContractMonthSource.Broker };
    }

    /// <summary>yyyyMM: the details' contract month, else the first six digits of the last trade date.</summary>
    private static string MonthOf(ContractDataMessage d) => d.ContractMonth.Length >= 6 ? d.ContractMonth[..6]
        : Expiry(d).Length >= 6 ? Expiry(d)[..6] : throw new IbContractException($"IB's {d.Contract.Symbol} contract {d.Contract.ConId} has no month");

    // The last trade date may read "20260320", "20260320 09:30:00" or "20260320-09:30:00"; its first 8 digits sort by expiry.
    private static string Expiry(ContractDataMessage d) => d.Contract.LastTradeDateOrContractMonth;

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
