using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Instruments;

/// <summary>What to do about one position held in a dated futures month.</summary>
/// <param name="Warn">The held month's last trade is at most the warning window away (or past its roll).</param>
/// <param name="Roll">The continuous ticker now means a later month: close <see cref="From"/>, open the same size in <see cref="To"/>.</param>
/// <param name="IdempotencyKey">One roll per position and month pair, however often it is asked for.</param>
public sealed record RollPlan(
    long PositionId, bool Warn, bool Roll, int TradingDaysLeft, ContractMonth From, ContractMonth To, decimal Quantity, string IdempotencyKey, string Message);

/// <summary>
/// Pure roll decisions: a position keeps its contract month; when the front month has moved on, or the held
/// month's last trade is <see cref="WarnTradingDays"/> trading days away or fewer, it says so and what the roll is
/// (close the old month, open the same size in the new one). The engine's roll command carries the plan out.
/// </summary>
public sealed class RollPlanner(TradingCalendar calendar, int warnTradingDays = RollPlanner.DefaultWarnTradingDays)
{
    public const int DefaultWarnTradingDays = 3;

    public int WarnTradingDays { get; } = warnTradingDays;

    /// <param name="front">What <c>1!</c> means today.</param>
    /// <param name="next">What <c>2!</c> means today: the target when the held front month is about to expire.</param>
    /// <returns>Null when the held month is the front month and not about to expire.</returns>
    public RollPlan? Plan(long positionId, decimal quantity, ContractMonth held, ContractMonth front, ContractMonth next, DateOnly tradeDate, Market market)
    {
        var rolled = held.Month != front.Month;
        var left = held.LastTradeDate is { } last ? TradingDaysBetween(tradeDate, last, market) : int.MaxValue;
        var warn = rolled || left <= WarnTradingDays;
        if (!warn) return null;
        var when = left == int.MaxValue ? "" : left <= 0 ? $", its last trade date {held.LastTradeDate:yyyy-MM-dd} has come" : $", last trade {held.LastTradeDate:yyyy-MM-dd} in {left} trading day(s)";
        var to = rolled ? front : next;
        var message = rolled
            ? $"{held.DatedSymbol} is no longer the front month ({front.DatedSymbol} since {front.Root}'s roll{when}): roll {quantity:0.####} to {to.DatedSymbol}"
            : $"{held.DatedSymbol} expires soon{when}: roll {quantity:0.####} to {to.DatedSymbol}";
        return new RollPlan(positionId, true, rolled, left == int.MaxValue ? -1 : left, held, to, quantity,
            $"roll:{positionId}:{held.Month}:{to.Month}", message);
    }

    /// <summary>Trading days after <paramref name="from"/> up to and including <paramref name="to"/> (0 on the day itself, negative after).</summary>
    private int TradingDaysBetween(DateOnly from, DateOnly to, Market market)
    {
        if (to <= from) return to == from ? 0 : -1;
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (calendar.IsTradingDay(d, market)) count++;
        return count;
    }
}
