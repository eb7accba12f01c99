namespace BlazorTrader.Engine.Strategies.Indicators;

/// <summary>
/// Session VWAP as TradingView's <c>ta.vwap(hlc3)</c> anchored to the day: sum(typical price x volume) / sum(volume) over
/// the bars given (the caller passes today's bars only). Null while no volume has traded.
/// </summary>
public static class Vwap
{
    public static decimal? Of(IEnumerable<Bar> todaysBars)
    {
        decimal weighted = 0, volume = 0;
        foreach (var bar in todaysBars)
        {
            weighted += bar.TypicalPrice * bar.Volume;
            volume += bar.Volume;
        }
        return volume > 0 ? weighted / volume : null;
    }
}
