using System.Globalization;

namespace BlazorTrader.Components.Shared;

/// <summary>How money and quantities read in the UI (invariant culture). Prices: <see cref="TickPrices"/>; times: <see cref="ExchangeTime"/>.</summary>
public static class Fmt
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    public static string Pnl(decimal? value) => value switch
    {
        null => "—",
        > 0 => "+$" + value.Value.ToString("N2", Us),
        < 0 => "-$" + (-value.Value).ToString("N2", Us),
        _ => "$0.00",
    };

    /// <summary>An amount that is not a gain or loss (cash, equity): no sign unless negative.</summary>
    public static string Money(decimal value) => (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("N2", Us);

    /// <summary>Compact P&amp;L for small cells: +$1.2k, -$350.</summary>
    public static string PnlShort(decimal value)
    {
        var abs = Math.Abs(value);
        var sign = value > 0 ? "+" : value < 0 ? "-" : "";
        return abs >= 10_000 ? $"{sign}${(abs / 1000).ToString("0.#", Us)}k"
            : abs >= 1000 ? $"{sign}${(abs / 1000).ToString("0.##", Us)}k"
            : abs >= 10 ? $"{sign}${Math.Round(abs, MidpointRounding.AwayFromZero).ToString("0", Us)}"   // whole dollars: fits a phone's calendar cell
            : $"{sign}${abs.ToString("0.##", Us)}";
    }

    public static string PnlClass(decimal? value) => value > 0 ? "bt-pos bt-num" : value < 0 ? "bt-neg bt-num" : "bt-num";

    public static string Qty(decimal value) => value.ToString("0.########", Us);

    public static string Percent(decimal? value) => value is null ? "—" : value.Value.ToString("0.##", Us) + "%";

    public static string Ratio(decimal? value) => value?.ToString("0.00", Us) ?? "—";

    public static string Age(long milliseconds) => milliseconds < 1000 ? $"{milliseconds} ms"
        : milliseconds < 120_000 ? $"{milliseconds / 1000} s" : $"{milliseconds / 60_000} min";
}
