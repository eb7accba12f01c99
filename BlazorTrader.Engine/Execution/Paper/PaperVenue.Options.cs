using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.SpxCalendar;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// Option combos on paper (the SPX calendar's BAG orders), priced by <see cref="PaperOptionMarket"/>: a limit fills when it
/// reaches the combo's natural price (buy legs at the ask, sell legs at the bid), or at its limit once it has worked
/// <see cref="PaperOptionsOptions.ComboMidFillSeconds"/> at or better than the model's mid; a market order fills at the natural price.
/// Legs fill at their mids, the first leg on the order's side carrying the difference to the combo price.
/// </summary>
internal sealed partial class PaperVenue
{
    /// <summary>Null: not an option combo (the ordinary rules apply). Empty: an option combo that does not fill now.</summary>
    private List<(string Symbol, OrderAction Action, decimal Quantity, decimal Price)>? OptionComboFills(PaperOrderEntity order, DateTime now)
    {
        if (order.Legs.Count == 0 || order.Legs.Any(l => SpxwTicker.Parse(l.Symbol) is null)) return null;
        var legs = new List<(string Symbol, OrderAction Action, int Ratio, OptionChainQuote Quote)>();
        foreach (var leg in order.Legs)
        {
            if (options.Quote(leg.Symbol) is not { } quote) return [];   // no index price yet, or an expired leg: wait
            legs.Add((leg.Symbol, Combine(order.Action, leg.Action), leg.Ratio, quote));
        }

        // Prices per combo in the order's direction: what a buy pays, what a sell receives.
        int Sign(OrderAction a) => a == order.Action ? 1 : -1;
        var mid = legs.Sum(l => Sign(l.Action) * l.Ratio * l.Quote.Mid);
        var natural = legs.Sum(l => Sign(l.Action) * l.Ratio * (l.Action == OrderAction.Buy ? l.Quote.Ask : l.Quote.Bid));
        var buying = order.Action == OrderAction.Buy;
        decimal price;
        if (order.Type == OrderType.Market) price = natural;
        else if (order.LimitPrice is not { } limit) return [];
        else if (buying ? limit >= natural : limit <= natural) price = natural;
        else if ((buying ? limit >= mid : limit <= mid) && now - order.CreatedAt >= TimeSpan.FromSeconds(options.Settings.ComboMidFillSeconds)) price = limit;
        else return [];

        var fills = legs.Select(l => (l.Symbol, l.Action, Quantity: order.Quantity * l.Ratio, Price: l.Quote.Mid)).ToList();
        var carrier = Math.Max(0, legs.FindIndex(l => l.Action == order.Action));
        var difference = Sign(legs[carrier].Action) * (price - mid);
        fills[carrier] = fills[carrier] with { Price = fills[carrier].Price + difference / legs[carrier].Ratio };
        return fills;
    }
}
