using System.Collections.Concurrent;
using System.Globalization;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>A symbol Tradovate cannot be given an order for (not a future, no such contract); nothing was sent.</summary>
internal sealed class TradovateContractException(string message) : TradovateException(message);

/// <summary>A Tradovate contract as an order needs it, with the product's tick size for rounding prices.</summary>
internal sealed record TradovateContract(long Id, string Name, string Symbol, decimal TickSize, decimal PointValue);

/// <summary>
/// Our tickers to Tradovate contracts and back: <c>MNQ1!</c> (and <c>CME_MINI:MNQ1!</c>) to the front month by the roll
/// rule or <c>Tradovate:FrontMonths</c>, <c>MNQZ2026</c> to <c>MNQZ6</c>; each checked with <c>/contract/find</c>, or
/// taken from <c>/contract/suggest</c> when Tradovate has rolled differently. Tick size and point value from <c>/product/find</c>.
/// </summary>
internal sealed class TradovateContracts(InstrumentCatalog instruments, TradingCalendar calendar, TradovateOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TradovateContract>>> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, string> _symbolsById = new();
    private readonly ConcurrentDictionary<long, string> _namesById = new();

    public Task<TradovateContract> ResolveAsync(string symbol, TradovateRestClient rest, string token, CancellationToken ct)
    {
        // Keyed by exchange date too: the front month moves at the roll.
        var key = $"{symbol}@{calendar.ExchangeDate(time.GetUtcNow()):yyyyMMdd}";
        var lookup = _cache.GetOrAdd(key, _ => new Lazy<Task<TradovateContract>>(() => ResolveCoreAsync(symbol, rest, token, ct)));
        return ForgetOnFailure(key, lookup);
    }

    /// <summary>
    /// The contract an order pinned to <paramref name="month"/> (yyyyMM) trades: the front month while it is that month, else
    /// the dated contract (a position held in December after the roll closes in December).
    /// </summary>
    public async Task<TradovateContract> ResolveAsync(string symbol, string? month, TradovateRestClient rest, string token, CancellationToken ct)
    {
        var front = await ResolveAsync(symbol, rest, token, ct);
        if (month is not { Length: 6 } || !instruments.TryParse(symbol, out var t, out _) || t.ContinuousIndex is null) return front;
        var pinned = TradovateFrontMonth.Name(t.Root, int.Parse(month[..4], CultureInfo.InvariantCulture), int.Parse(month[4..], CultureInfo.InvariantCulture));
        return pinned.Equals(front.Name, StringComparison.OrdinalIgnoreCase) ? front : await ResolveAsync(instruments.InMonth(symbol, month), rest, token, ct);
    }

    private async Task<TradovateContract> ForgetOnFailure(string key, Lazy<Task<TradovateContract>> lookup)
    {
        try { return await lookup.Value; }
        catch
        {
            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<TradovateContract>>>(key, lookup));
            throw;
        }
    }

    /// <summary>Tradovate's name of the contract this symbol means today (no lookup).</summary>
    public string NameFor(ParsedTicker t, string months)
    {
        if (t.ContinuousIndex is { } index)
        {
            if (index != 1) throw new TradovateContractException($"{t.Raw}: only the front month (1!) is mapped; use a dated contract");
            if (options.FrontMonths.TryGetValue(t.Root, out var configured) && configured.Length == 6
                && int.TryParse(configured[..4], CultureInfo.InvariantCulture, out var y) && int.TryParse(configured[4..], CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
                return TradovateFrontMonth.Name(t.Root, y, m);
            var (year, month) = TradovateFrontMonth.For(calendar.ExchangeDate(time.GetUtcNow()), months, options.RollDaysBeforeExpiry);
            return TradovateFrontMonth.Name(t.Root, year, month);
        }
        return TradovateFrontMonth.Name(t.Root, t.Year!.Value, TradovateFrontMonth.MonthCodes.IndexOf(t.MonthCode!.Value) + 1);
    }

    private async Task<TradovateContract> ResolveCoreAsync(string symbol, TradovateRestClient rest, string token, CancellationToken ct)
    {
        if (!instruments.TryParse(symbol, out var t, out var error)) throw new TradovateContractException($"'{symbol}' is not a ticker: {error}");
        if (!t.IsFuture) throw new TradovateContractException($"{symbol}: Tradovate trades futures only");
        var spec = instruments.SpecFor(t);
        var product = (await rest.GetAsync($"product/find?name={Uri.EscapeDataString(t.Root)}", token, ct))?.As<TvProduct>();
        var name = NameFor(t, product?.Months ?? "HMUZ");
        var contract = (await rest.GetAsync($"contract/find?name={Uri.EscapeDataString(name)}", token, ct))?.As<TvContract>();
        if (contract is null or { Id: 0 })
        {
            // Tradovate's own idea of the most relevant contracts; the first of this root is its front month.
            var suggested = (await rest.GetAsync($"contract/suggest?t={Uri.EscapeDataString(t.Root)}&l=10", token, ct))?.As<List<TvContract>>() ?? [];
            contract = suggested.FirstOrDefault(c => c.Name.Length == t.Root.Length + 2 && c.Name.StartsWith(t.Root, StringComparison.OrdinalIgnoreCase)
                && (t.ContinuousIndex is not null || c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                ?? throw new TradovateContractException($"Tradovate knows no contract {name} for {symbol}");
        }
        _symbolsById[contract.Id] = t.Symbol;
        _namesById[contract.Id] = contract.Name;
        return new TradovateContract(contract.Id, contract.Name, t.Symbol, product?.TickSize ?? spec.TickSize, product?.ValuePerPoint ?? spec.PointValue);
    }

    /// <summary>Learns a contract's name from sync data (positions and fills of orders placed before a restart).</summary>
    public void Learn(long contractId, string name) => _namesById.TryAdd(contractId, name);

    /// <summary>Our symbol for a contract Tradovate reports: the one we ordered it as, else <c>MNQ1!</c> for today's front
    /// month and <c>MNQZ2026</c> for any other.</summary>
    public string SymbolFor(long contractId)
    {
        if (_symbolsById.TryGetValue(contractId, out var known)) return known;
        if (!_namesById.TryGetValue(contractId, out var name)) return $"contract {contractId}";
        var root = name[..^2];
        var month = TradovateFrontMonth.MonthCodes.IndexOf(name[^2]) + 1;
        if (month == 0 || !char.IsDigit(name[^1])) return name;
        var today = calendar.ExchangeDate(time.GetUtcNow());
        var year = today.Year / 10 * 10 + (name[^1] - '0');
        if (year < today.Year - 1) year += 10;
        if (instruments.TryParse(root + "1!", out var front, out _) && NameFor(front, "HMUZ").Equals(name, StringComparison.OrdinalIgnoreCase)) return root + "1!";
        return $"{root}{name[^2]}{year:D4}";
    }
}
