using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>
/// Maps our tickers (<c>MNQ1!</c>, <c>MNQZ2026</c>, <c>AAPL</c>) to TradingView symbols (<c>CME_MINI:MNQ1!</c>) and back.
/// Futures roots get their exchange prefix, anything else is a stock on the default exchange, and a ticker that
/// already has a prefix passes through. Explicit entries win over both.
/// </summary>
public sealed partial class TradingViewSymbolMap
{
    /// <summary>Exchange prefix per futures root, from docs/design.md "Trading calendar and contract specs".</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultRootPrefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ES"] = "CME_MINI", ["MES"] = "CME_MINI", ["NQ"] = "CME_MINI", ["MNQ"] = "CME_MINI",
        ["RTY"] = "CME_MINI", ["M2K"] = "CME_MINI",
        ["YM"] = "CBOT_MINI", ["MYM"] = "CBOT_MINI",
        ["CL"] = "NYMEX", ["MCL"] = "NYMEX",
        ["GC"] = "COMEX", ["SI"] = "COMEX", ["MGC"] = "COMEX_MINI", ["SIL"] = "COMEX_MINI",
        ["ZN"] = "CBOT", ["ZB"] = "CBOT",
        ["6E"] = "CME",
    };

    private readonly Dictionary<string, string> _explicit;
    private readonly Dictionary<string, string> _reverse;
    private readonly IReadOnlyDictionary<string, string> _rootPrefixes;
    private readonly string[] _rootsLongestFirst;
    private readonly string _defaultStockExchange;

    /// <param name="symbols">Explicit ticker → TradingView symbol entries, e.g. <c>SPY</c> → <c>AMEX:SPY</c>.</param>
    /// <param name="defaultStockExchange">Prefix of tickers that are not a known futures root.</param>
    /// <param name="rootPrefixes">Futures root → exchange prefix; <see cref="DefaultRootPrefixes"/> when null.</param>
    public TradingViewSymbolMap(IReadOnlyDictionary<string, string>? symbols = null, string defaultStockExchange = "NASDAQ",
        IReadOnlyDictionary<string, string>? rootPrefixes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultStockExchange);
        _explicit = new(StringComparer.OrdinalIgnoreCase);
        _reverse = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (ticker, symbol) in symbols ?? new Dictionary<string, string>())
        {
            _explicit[ticker.Trim()] = symbol.Trim();
            _reverse[WithoutDelay(symbol.Trim())] = ticker.Trim().ToUpperInvariant();
        }

        _rootPrefixes = rootPrefixes ?? DefaultRootPrefixes;
        _rootsLongestFirst = [.. _rootPrefixes.Keys.OrderByDescending(root => root.Length)];
        _defaultStockExchange = defaultStockExchange.Trim().ToUpperInvariant();
    }

    /// <summary><c>MNQ1!</c> → <c>CME_MINI:MNQ1!</c>; <c>AAPL</c> → <c>NASDAQ:AAPL</c>; <c>NYMEX:CL1!</c> unchanged.</summary>
    public string ToTradingView(string ticker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        var trimmed = ticker.Trim();
        if (_explicit.TryGetValue(trimmed, out var mapped))
            return mapped;
        if (trimmed.Contains(':', StringComparison.Ordinal) || trimmed.StartsWith('='))
            return trimmed;

        var upper = trimmed.ToUpperInvariant();
        foreach (var root in _rootsLongestFirst)
        {
            if (upper.StartsWith(root, StringComparison.OrdinalIgnoreCase) && FuturesSuffix().IsMatch(upper.AsSpan(root.Length)))
                return $"{_rootPrefixes[root]}:{upper}";
        }

        return $"{_defaultStockExchange}:{upper}";
    }

    /// <summary>
    /// Any symbol TradingView names (what we sent, <c>pro_name</c>, or <c>original_name</c> such as
    /// <c>CME_MINI_DL:MNQ1!</c> or <c>BATS:AAPL</c>) → our ticker. <c>=</c>-JSON symbol forms are unwrapped.
    /// </summary>
    public string ToTicker(string tradingViewSymbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tradingViewSymbol);
        var symbol = Unwrap(tradingViewSymbol.Trim());
        if (_reverse.TryGetValue(WithoutDelay(symbol), out var ticker))
            return ticker;

        var colon = symbol.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? symbol[(colon + 1)..] : symbol).ToUpperInvariant();
    }

    /// <summary>True for feeds TradingView marks as delayed by name: an exchange ending in <c>_DL</c> or <c>_DLY</c>.</summary>
    public static bool IsDelayedFeedName(string? tradingViewSymbol)
    {
        if (string.IsNullOrEmpty(tradingViewSymbol))
            return false;
        var colon = tradingViewSymbol.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return false;
        var exchange = tradingViewSymbol.AsSpan(0, colon);
        return exchange.EndsWith("_DL", StringComparison.OrdinalIgnoreCase) || exchange.EndsWith("_DLY", StringComparison.OrdinalIgnoreCase);
    }

    // CME_MINI_DL:MNQ1! and NASDAQ_DLY:NDX name the same instrument as CME_MINI:MNQ1! and NASDAQ:NDX.
    private static string WithoutDelay(string symbol) => DelayedExchange().Replace(symbol, "$1:");

    private static string Unwrap(string symbol)
    {
        if (!symbol.StartsWith('='))
            return symbol;
        try
        {
            using var json = JsonDocument.Parse(symbol.AsMemory(1));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("symbol", out var inner) && inner.GetString() is { Length: > 0 } s ? s : symbol;
        }
        catch (JsonException)
        {
            return symbol;
        }
    }

    // 1! (continuous front month), 2! … or an explicit contract such as Z2026 / Z26.
    [GeneratedRegex(@"^(\d+!|[FGHJKMNQUVXZ]\d{2}(\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex FuturesSuffix();

    [GeneratedRegex(@"^([A-Z0-9_]+?)_DLY?:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DelayedExchange();
}
