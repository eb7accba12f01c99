using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

public enum LegAction { Buy, Sell }

/// <summary>One leg of the BAG combo (ratio 1 each): an SPXW option bought or sold per combo.</summary>
public sealed record CalendarLeg(LegAction Action, OptionRight Right, DateOnly Expiry, decimal Strike, int Ratio = 1)
{
    /// <summary>+1 for a bought leg, -1 for a sold one: the sign of its mid in the combo price.</summary>
    public int Sign => Action == LegAction.Buy ? 1 : -1;
}

/// <summary>The 4 legs: SELL short put, SELL short call, BUY long put, BUY long call, all strikes shared across expiries.</summary>
public static class DoubleCalendar
{
    public static IReadOnlyList<CalendarLeg> OpeningLegs(DateOnly shortExpiry, DateOnly longExpiry, decimal putStrike, decimal callStrike) =>
    [
        new(LegAction.Sell, OptionRight.Put, shortExpiry, putStrike),
        new(LegAction.Sell, OptionRight.Call, shortExpiry, callStrike),
        new(LegAction.Buy, OptionRight.Put, longExpiry, putStrike),
        new(LegAction.Buy, OptionRight.Call, longExpiry, callStrike),
    ];

    /// <summary>The closing combo (the GTC target and the time exit): every leg reversed.</summary>
    public static IReadOnlyList<CalendarLeg> ClosingLegs(IReadOnlyList<CalendarLeg> opening) =>
        [.. opening.Select(l => l with { Action = l.Action == LegAction.Buy ? LegAction.Sell : LegAction.Buy })];
}

/// <summary>Combo prices on the 0.05 combo tick.</summary>
public static class ComboPrice
{
    public const decimal Tick = 0.05m;

    /// <summary>Sum of sign x leg mid for the opening legs (the debit paid), rounded to 0.05 (halves away from zero).</summary>
    public static decimal Mid(IEnumerable<(CalendarLeg Leg, decimal LegMid)> legs) =>
        RoundToTick(legs.Sum(l => l.Leg.Sign * l.Leg.Ratio * l.LegMid));

    public static decimal RoundToTick(decimal price) => Math.Round(price / Tick, MidpointRounding.AwayFromZero) * Tick;
}

/// <summary>The entry's limit prices, one per attempt: mid, then + increment each attempt, never above mid + maxPremium.</summary>
public static class LimitLadder
{
    public static IReadOnlyList<decimal> Prices(decimal mid, decimal increment, int maxAttempts, decimal maxPremium)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var cap = mid + maxPremium;
        var prices = new List<decimal>();
        for (var i = 0; i < maxAttempts; i++)
        {
            var price = Math.Min(mid + i * increment, cap);
            if (prices.Count > 0 && price == prices[^1]) break;   // at the cap: paying the same again is no new attempt
            prices.Add(price);
        }
        return prices;
    }

    public static IReadOnlyList<decimal> Prices(decimal mid, SpxCalendarParameters p) => Prices(mid, p.PriceIncrement, p.MaxAttempts, p.MaxPremium);
}

/// <summary>The GTC closing price: debit x (1 + percent/100), rounded once to 0.05 (the original rounded twice, differently).</summary>
public static class ProfitTarget
{
    public static decimal Price(decimal debit, decimal profitTargetPercent) =>
        ComboPrice.RoundToTick(debit * (1m + profitTargetPercent / 100m));
}
