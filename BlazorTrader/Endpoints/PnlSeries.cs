using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>Realized P&amp;L of closed trades grouped by trading day in the exchange time zone.</summary>
public sealed class PnlSeries(IConfiguration configuration)
{
    public sealed record Day(DateOnly Date, decimal RealizedPnl, decimal CumulativePnl, decimal Drawdown, int Trades);

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Calendar:TimeZone"] is { Length: > 0 } z ? z : "America/New_York");

    public DateOnly TradingDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);

    /// <summary>The UTC instant a trading day starts (midnight in the exchange time zone).</summary>
    public DateTime StartUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), _zone);

    public async Task<List<Day>> DailyAsync(IQueryable<TradeEntity> trades, CancellationToken ct)
    {
        var closed = await trades.AsNoTracking().Where(t => t.ClosedAt != null)
            .Select(t => new { t.ClosedAt, t.RealizedPnl }).ToListAsync(ct);
        var days = new List<Day>();
        decimal cumulative = 0, peak = 0;
        foreach (var g in closed.GroupBy(t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(t.ClosedAt!.Value, _zone))).OrderBy(g => g.Key))
        {
            var pnl = g.Sum(t => t.RealizedPnl);
            cumulative += pnl;
            peak = Math.Max(peak, cumulative);
            days.Add(new Day(g.Key, pnl, cumulative, cumulative - peak, g.Count()));
        }
        return days;
    }
}
