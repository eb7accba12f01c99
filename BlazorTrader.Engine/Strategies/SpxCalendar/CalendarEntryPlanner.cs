using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>Everything the entry needs before an order goes out: expiries, strikes, legs, combo mid, ladder, and the target rule.</summary>
public sealed record CalendarEntryPlan(
    DateOnly TradeDate,
    decimal Spx,
    ExpiryChoice ShortExpiry,
    ExpiryChoice LongExpiry,
    StrikeChoice Strikes,
    IReadOnlyList<CalendarLeg> Legs,
    decimal ComboMid,
    IReadOnlyList<decimal> LimitPrices,
    string IdempotencyKey,
    TimeExitSchedule TimeExit);

/// <summary>The entry's outcome before the broker: a plan, or the reason there is none ("max open", no strikes, ...).</summary>
public sealed record CalendarEntryDecision(CalendarEntryPlan? Plan, string? Blocked);

/// <summary>
/// Plans one entry from the SPX price and the two expiries' quotes (a chain source: the broker's model greeks, or the paper
/// pricer). Pure: the engine checks the daily key and sends the BAG order.
/// </summary>
public sealed class CalendarEntryPlanner(TradingCalendar calendar, TimeProvider time)
{
    public delegate OptionQuote? QuoteSource(OptionRight right, decimal strike, DateOnly expiry);

    public CalendarEntryDecision Plan(long strategyId, SpxCalendarParameters p, decimal spx, int openTrades,
        IEnumerable<ChainOption> shortChain, QuoteSource quote)
    {
        var tradeDate = calendar.TradeDate(time.GetUtcNow(), Market.Nyse);
        if (openTrades >= p.MaxOpen) return new(null, $"max open ({openTrades} of {p.MaxOpen})");
        var shortExpiry = SpxwExpiries.Choose(tradeDate, p.ShortDays, calendar);
        var longExpiry = SpxwExpiries.Choose(tradeDate, p.LongDays, calendar);
        if (longExpiry.Expiry <= shortExpiry.Expiry) return new(null, "the long expiry is not after the short expiry");
        var strikes = StrikeSelector.Choose(shortChain, p.TargetDelta, p.StrikeStep);
        if (!strikes.Found) return new(null, strikes.Problem);

        var legs = DoubleCalendar.OpeningLegs(shortExpiry.Expiry, longExpiry.Expiry, strikes.PutStrike!.Value, strikes.CallStrike!.Value);
        var quotes = new List<(CalendarLeg, decimal)>();
        foreach (var leg in legs)
        {
            if (quote(leg.Right, leg.Strike, leg.Expiry) is not { Bid: >= 0, Ask: > 0 } q || q.Ask < q.Bid)
                return new(null, $"no quote for {leg.Right} {leg.Strike} {leg.Expiry:yyyy-MM-dd}");
            quotes.Add((leg, q.Mid));
        }
        var mid = ComboPrice.Mid(quotes);
        if (mid <= 0) return new(null, $"combo mid {mid} is not a debit");
        return new(new CalendarEntryPlan(tradeDate, spx, shortExpiry, longExpiry, strikes, legs, mid, LimitLadder.Prices(mid, p),
            SpxCalendarKeys.Entry(strategyId, tradeDate), TimeExit.For(tradeDate, p, calendar)), null);
    }
}
