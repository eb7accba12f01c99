using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Recorders;

/// <summary>A take-profit price with its trim percent.</summary>
public sealed record TakeProfitLevel(decimal Price, decimal Trim);

/// <summary>TP and SL prices of one entry, rounded to the instrument's tick.</summary>
public sealed record ExitLevels(IReadOnlyList<TakeProfitLevel> TakeProfits, decimal? StopLoss)
{
    public static ExitLevels For(RecorderSettings settings, ContractSpec spec, Side side, decimal entry)
    {
        var direction = (int)side;
        var targets = settings.TpTargets
            .Select(t => new TakeProfitLevel(Level(spec, entry, direction, t.Value, settings.TpUnits), t.Trim))
            .ToList();
        decimal? stop = settings.SlEnabled && settings.SlAmount > 0
            ? Level(spec, entry, -direction, settings.SlAmount, settings.SlUnits)
            : null;
        return new ExitLevels(targets, stop);
    }

    /// <summary>The recorder's levels, with a per-signal take-profit (one target, all of the entry) or stop in their place.</summary>
    public static ExitLevels For(RecorderSettings settings, ContractSpec spec, Side side, decimal entry, ExitOverride? takeProfit, ExitOverride? stopLoss)
    {
        var levels = For(settings, spec, side, entry);
        if (takeProfit is { } tp) levels = levels with { TakeProfits = [new TakeProfitLevel(tp.TakeProfitFor(spec, side, entry), 100)] };
        if (stopLoss is { } sl) levels = levels with { StopLoss = sl.StopLossFor(spec, side, entry) };
        return levels;
    }

    /// <summary>Entry moved by <paramref name="amount"/> in <paramref name="units"/>, towards +1 (up) or -1 (down).</summary>
    public static decimal Level(ContractSpec spec, decimal entry, int towards, decimal amount, PriceUnits units)
    {
        var distance = units switch
        {
            PriceUnits.Ticks => spec.TicksToPoints(amount),
            PriceUnits.Points => amount,
            PriceUnits.Percent => entry * amount / 100m,
            _ => throw new ArgumentOutOfRangeException(nameof(units), units, null),
        };
        var level = spec.RoundToTick(entry + towards * distance);
        // A stop or target can never sit at or beyond zero; keep it one tick above.
        return level > 0 ? level : spec.TickSizeAt(0);
    }
}
