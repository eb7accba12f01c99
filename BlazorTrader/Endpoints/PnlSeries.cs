using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>
/// Realized P&amp;L of closed trades grouped by each instrument's trade date: a CME-group future's session runs
/// from 18:00 ET the evening before to 17:00 ET (a close at 19:00 ET on Tuesday is Wednesday's); a stock's is the NYSE date.
/// </summary>
public sealed class PnlSeries(TradingCalendar calendar, InstrumentCatalog instruments)
{
    public sealed record Day(DateOnly Date, decimal RealizedPnl, decimal CumulativePnl, decimal Drawdown, int Trades);

    public async Task<List<Day>> DailyAsync(IQueryable<TradeEntity> trades, CancellationToken ct)
    {
        var closed = await trades.AsNoTracking().Where(t => t.ClosedAt != null)
            .Select(t => new { t.ClosedAt, t.RealizedPnl, t.Ticker }).ToListAsync(ct);
        var days = new List<Day>();
        decimal cumulative = 0, peak = 0;
        foreach (var g in closed.GroupBy(t => calendar.TradeDate(instruments.SpecFor(t.Ticker), new DateTimeOffset(t.ClosedAt!.Value, TimeSpan.Zero))).OrderBy(g => g.Key))
        {
            var pnl = g.Sum(t => t.RealizedPnl);
            cumulative += pnl;
            peak = Math.Max(peak, cumulative);
            days.Add(new Day(g.Key, pnl, cumulative, cumulative - peak, g.Count()));
        }
        return days;
    }
}
