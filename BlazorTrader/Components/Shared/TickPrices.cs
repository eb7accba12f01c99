using System.Collections.Concurrent;
using System.Globalization;
using BlazorTrader.Engine.Instruments;

namespace BlazorTrader.Components.Shared;

/// <summary>
/// Prices as the instrument quotes them: as many decimals as its tick (MNQ 21497.00, CL 71.37, ZN 110.015625),
/// so 21497 never stands beside 21494.25; averages of several fills get two more (a hundredth of a tick), no more.
/// </summary>
public sealed class TickPrices(InstrumentCatalog catalog)
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;
    private readonly ConcurrentDictionary<string, int> _decimals = new(StringComparer.OrdinalIgnoreCase);

    public string Price(string ticker, decimal? price) =>
        price is { } p ? p.ToString("F" + Decimals(ticker).ToString(Us), Us) : "—";

    public string Average(string ticker, decimal? price)
    {
        if (price is not { } p) return "—";
        var d = Decimals(ticker);
        var format = "0." + new string('0', d) + "##";
        return Math.Round(p, d + 2, MidpointRounding.AwayFromZero).ToString(format, Us).TrimEnd('.');
    }

    /// <summary>Decimals of the finest tick the instrument can trade at (SPX options: 0.05 and 0.10, both two).</summary>
    public int Decimals(string ticker) => _decimals.GetOrAdd(ticker, t =>
    {
        var spec = catalog.SpecFor(t);
        return (spec.TickLadder ?? []).Select(s => s.TickSize).Append(spec.TickSize).Max(DecimalsOf);
    });

    internal static int DecimalsOf(decimal tick)
    {
        var normalized = tick / 1.000000000000000000000000000000000m;   // drops trailing zeros (1.00 -> 1)
        return (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
    }
}
