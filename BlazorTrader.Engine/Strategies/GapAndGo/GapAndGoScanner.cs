using System.Globalization;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>
/// The day trader's scan as a pure decision: for each symbol the indicators and the first rule it fails, and the entries
/// to make. Symbols are ranked by gap (largest first, then by name) so maxPositions keeps the strongest. Rules, in order:
/// a price; no open position; no working order; not closed today; out of cooldown; RSI(14) below rsiMax; the signal
/// (gap % >= gapPercent, or price above VWAP with ATR % >= atrPercentMin); fewer than maxPositions open; at least one share.
/// The original's gap used |change| (so a -5 % gap entered a long); here only an up-gap counts.
/// </summary>
public sealed class GapAndGoScanner(TradingCalendar calendar, TimeProvider time)
{
    static readonly TimeOnly RegularOpen = new(9, 30);

    public ScanResult Scan(long strategyId, GapAndGoParameters parameters, decimal budget, IEnumerable<SymbolSnapshot> symbols, GapAndGoBook book)
    {
        var now = time.GetUtcNow();
        var tradeDate = calendar.TradeDate(now, Market.Nyse);
        var premarket = calendar.ExchangeDate(now) == tradeDate && now < calendar.ToUtc(tradeDate, RegularOpen);
        var open = book.OpenCount;
        var items = new List<ScanItem>();

        foreach (var s in Rank(symbols))
        {
            var price = s.Price;
            var gap = price is { } p ? Gap.Percent(p, s.PreviousClose) : null;
            var closes = s.TodaysBars.Select(b => b.Close).ToList();
            var rsi = Rsi.Last(closes);
            var atr = Atr.LastPercent(s.TodaysBars);
            var vwap = Vwap.Of(s.TodaysBars);
            ScanItem Item(string reason, GapAndGoEntry? entry = null) => new(
                s.Symbol, price, s.PreviousClose, gap, rsi, atr, vwap, s.TodaysBars.Count,
                entry is not null, reason, entry is null ? ScanAction.None : ScanAction.Enter, entry);

            var blocked = Blocked(s.Symbol, price, book, now);
            if (blocked is not null) { items.Add(Item(blocked)); continue; }
            if (rsi is not { } r) { items.Add(Item($"rsi needs {Rsi.DefaultLength + 1} bars, have {closes.Count}")); continue; }
            if (r >= parameters.RsiMax) { items.Add(Item($"rsi {F1(r)} >= {N(parameters.RsiMax)}")); continue; }
            var signal = Signal(parameters, price!.Value, gap, atr, vwap, out var noSignal);
            if (signal is null) { items.Add(Item(noSignal)); continue; }
            if (open >= parameters.MaxPositions) { items.Add(Item($"max positions ({open} of {parameters.MaxPositions} open)")); continue; }
            var shares = GapAndGoSizing.Shares(budget, parameters, price.Value);
            if (shares < 1)
            {
                items.Add(Item($"budget {N(budget)} / {parameters.MaxPositions} buys no share at {N(price.Value)}"));
                continue;
            }

            var number = book.EntriesToday.GetValueOrDefault(s.Symbol) + 1;
            var limit = premarket
                ? Math.Ceiling(price.Value * (1m + parameters.PremarketLimitPercent / 100m) / s.TickSize) * s.TickSize
                : (decimal?)null;
            var entry = new GapAndGoEntry(s.Symbol, shares, premarket ? EntryOrderKind.MarketableLimit : EntryOrderKind.Market,
                limit, number, GapAndGoKeys.Entry(strategyId, tradeDate, s.Symbol, number));
            open++;
            items.Add(Item(signal, entry));
        }
        return new ScanResult(now, tradeDate, budget, items);
    }

    static IEnumerable<SymbolSnapshot> Rank(IEnumerable<SymbolSnapshot> symbols) => symbols
        .OrderByDescending(s => s.Price is { } p ? Gap.Percent(p, s.PreviousClose) ?? decimal.MinValue : decimal.MinValue)
        .ThenBy(s => s.Symbol, StringComparer.OrdinalIgnoreCase);

    static string? Blocked(string symbol, decimal? price, GapAndGoBook book, DateTimeOffset now)
    {
        if (price is null) return "no price";
        if (book.OpenPositions.Contains(symbol)) return "open position";
        if (book.WorkingOrders.Contains(symbol)) return "working order";
        if (book.ClosedToday.Contains(symbol)) return "closed today";
        if (book.CooldownUntil.TryGetValue(symbol, out var until) && now < until)
            return $"cooldown ({Math.Ceiling((until - now).TotalSeconds).ToString(CultureInfo.InvariantCulture)} s left)";
        return null;
    }

    /// <summary>The rule that fired (as the reason of an entry), or null with the failed rules in <paramref name="failed"/>.</summary>
    static string? Signal(GapAndGoParameters parameters, decimal price, decimal? gap, decimal? atr, decimal? vwap, out string failed)
    {
        failed = "";
        if (gap is { } g && g >= parameters.GapPercent) return $"gap {F2(g)} % >= {N(parameters.GapPercent)}";
        var gapPart = gap is { } gg ? $"gap {F2(gg)} % < {N(parameters.GapPercent)}" : "no previous close";
        if (vwap is not { } v) { failed = $"{gapPart}; no vwap (no volume)"; return null; }
        if (price <= v) { failed = $"{gapPart}; price {N(price)} <= vwap {F4(v)}"; return null; }
        if (atr is not { } a) { failed = $"{gapPart}; atr needs {Atr.DefaultLength} bars"; return null; }
        if (a < parameters.AtrPercentMin) { failed = $"{gapPart}; atr {F2(a)} % < {N(parameters.AtrPercentMin)}"; return null; }
        return $"price {N(price)} > vwap {F4(v)}, atr {F2(a)} % >= {N(parameters.AtrPercentMin)}";
    }

    static string F1(decimal d) => Math.Round(d, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
    static string F2(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
    static string F4(decimal d) => Math.Round(d, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
    static string N(decimal d) => d.ToString("0.########", CultureInfo.InvariantCulture);
}
