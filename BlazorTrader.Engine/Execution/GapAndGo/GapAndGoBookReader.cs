using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>
/// What the scan must know of the account on the strategy's trade date, read from the engine's journal: positions and
/// working entries in this account (any source), symbols whose position went flat on this trade date (exchange date,
/// not UTC), the cooldown after a stop-out, and the strategy's entries per symbol (the next entry's number).
/// </summary>
internal static class GapAndGoBookReader
{
    public static async Task<GapAndGoBook> ReadAsync(TradingDbContext db, GapAndGoStrategy strategy, TradingCalendar calendar, CancellationToken ct)
    {
        var account = strategy.AccountId;
        var (start, end) = (calendar.ToUtc(strategy.TradeDate, TimeOnly.MinValue).UtcDateTime, calendar.ToUtc(strategy.TradeDate.AddDays(1), TimeOnly.MinValue).UtcDateTime);
        var positions = await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == account).ToListAsync(ct);
        var working = await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == account && i.IsEntry
                && (i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled))
            .Select(i => i.Ticker).Distinct().ToListAsync(ct);
        var todays = await strategy.TodaysIntentsAsync(db, ct);
        var cooldown = TimeSpan.FromMinutes(strategy.Parameters.CooldownAfterStopMinutes);

        return new GapAndGoBook
        {
            OpenPositions = Set(positions.Where(p => p.Quantity != 0).Select(p => p.Symbol)),
            WorkingOrders = Set(working),
            ClosedToday = Set(positions.Where(p => p.Quantity == 0 && p.LastClosedAt >= start && p.LastClosedAt < end).Select(p => p.Symbol)),
            CooldownUntil = todays.Where(i => i.IdempotencyKey.EndsWith(":sl", StringComparison.Ordinal) && i.FilledQuantity > 0 && i.LastFillAt is not null)
                .GroupBy(i => i.Ticker, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => new DateTimeOffset(g.Max(i => i.LastFillAt!.Value), TimeSpan.Zero) + cooldown, StringComparer.OrdinalIgnoreCase),
            EntriesToday = todays.Where(i => i.Source == GapAndGoStrategy.EntrySource && GapAndGoStrategy.IsEntryKey(i.IdempotencyKey))
                .GroupBy(i => i.Ticker, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase),
        };
    }

    static HashSet<string> Set(IEnumerable<string> symbols) => new(symbols, StringComparer.OrdinalIgnoreCase);
}
