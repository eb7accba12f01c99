using BlazorTrader.Services;

namespace BlazorTrader.Components.Pnl;

/// <summary>Cumulative realized P&amp;L per recorder, one point per trade close (so a day's swings show, not only its total).</summary>
public static class EquityCurve
{
    public sealed record Series(long? RecorderId, string Name, IReadOnlyList<(DateTime ClosedAtUtc, decimal Cumulative)> Points);

    /// <summary>One series per recorder, plus the total when there are several; each starts at zero just before its first close.</summary>
    public static IReadOnlyList<Series> Build(IReadOnlyList<ClosedTradePoint> closes, IReadOnlyDictionary<long, string> names)
    {
        var series = closes.GroupBy(c => c.RecorderId).OrderBy(g => names.GetValueOrDefault(g.Key, $"#{g.Key}"), StringComparer.OrdinalIgnoreCase)
            .Select(g => new Series(g.Key, names.GetValueOrDefault(g.Key, $"#{g.Key}"), Cumulate(g))).ToList();
        if (series.Count > 1) series.Add(new Series(null, "All recorders", Cumulate(closes)));
        return series;
    }

    private static List<(DateTime, decimal)> Cumulate(IEnumerable<ClosedTradePoint> closes)
    {
        var ordered = closes.OrderBy(c => c.ClosedAt).ToList();
        var points = new List<(DateTime, decimal)>(ordered.Count + 1);
        if (ordered.Count == 0) return points;
        points.Add((ordered[0].ClosedAt.AddSeconds(-1), 0m));
        var total = 0m;
        foreach (var c in ordered) points.Add((c.ClosedAt, total += c.RealizedPnl));
        return points;
    }
}
