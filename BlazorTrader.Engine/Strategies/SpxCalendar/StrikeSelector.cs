using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>One option of the short expiry's chain with its delta (broker model greeks, or the paper pricer).</summary>
public sealed record ChainOption(OptionRight Right, decimal Strike, double Delta);

/// <summary>The two strikes of the double calendar, or why there are none.</summary>
public sealed record StrikeChoice(decimal? PutStrike, decimal? CallStrike, double? PutDelta, double? CallDelta, string? Problem)
{
    public bool Found => Problem is null;
}

/// <summary>
/// Put and call strikes closest to |delta| = targetDelta, chosen separately, only on multiples of strikeStep; a tie goes
/// to the lower strike. Options without a delta (NaN) are skipped. Deltas are compared as decimals (15 significant digits),
/// so quoted deltas such as 0.18 and 0.22 are an exact tie around 0.20.
/// </summary>
public static class StrikeSelector
{
    public static StrikeChoice Choose(IEnumerable<ChainOption> chain, decimal targetDelta, decimal strikeStep)
    {
        var usable = chain.Where(o => o.Strike > 0 && o.Strike % strikeStep == 0 && double.IsFinite(o.Delta)).ToList();
        ChainOption? Best(OptionRight right) => usable
            .Where(o => o.Right == right)
            .OrderBy(o => Math.Abs(Math.Abs((decimal)o.Delta) - targetDelta))   // decimal: 0.18 and 0.22 tie exactly around 0.20
            .ThenBy(o => o.Strike)
            .FirstOrDefault();

        var put = Best(OptionRight.Put);
        var call = Best(OptionRight.Call);
        var problem = (put, call) switch
        {
            (null, null) => $"no put or call with a delta on a {strikeStep} strike step",
            (null, _) => $"no put with a delta on a {strikeStep} strike step",
            (_, null) => $"no call with a delta on a {strikeStep} strike step",
            _ => null,
        };
        return new StrikeChoice(put?.Strike, call?.Strike, put?.Delta, call?.Delta, problem);
    }
}
