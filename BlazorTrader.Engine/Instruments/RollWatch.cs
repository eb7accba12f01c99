using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Instruments;

/// <summary>A recorder position that needs a roll soon, with the contract it is in and the one to roll to.</summary>
public sealed record DueRoll(long PositionId, long RecorderId, string Ticker, RollPlan Plan);

/// <summary>
/// Which open positions on continuous futures are near their contract's last trade (or past their roll), read from the
/// engine's open positions. A position opened on <c>MNQ1!</c> is in the month <c>1!</c> meant on its opening trade date:
/// that is where its orders went. <see cref="RollPlanner"/> decides; this only finds the months.
/// </summary>
public sealed class RollWatch(EngineEventHub events, ContinuousContracts contracts, InstrumentCatalog instruments, TradingCalendar calendar,
    int warnTradingDays = RollPlanner.DefaultWarnTradingDays)
{
    private readonly RollPlanner _planner = new(calendar, warnTradingDays);

    public int WarnTradingDays => _planner.WarnTradingDays;

    public IReadOnlyList<DueRoll> Due(DateTimeOffset now)
    {
        var due = new List<DueRoll>();
        foreach (var position in events.OpenPositions)
        {
            if (!instruments.TryParse(position.Ticker, out var ticker, out _) || ticker.ContinuousIndex is not { } index) continue;
            var opened = new DateTimeOffset(DateTime.SpecifyKind(position.OpenedAt, DateTimeKind.Utc));
            if (contracts.Resolve(ticker, opened) is not { } held || contracts.Resolve(ticker, now) is not { } front) continue;
            var next = contracts.Resolve(ticker with { ContinuousIndex = index + 1 }, now) ?? front;
            var spec = instruments.SpecFor(ticker);
            if (_planner.Plan(position.Id, position.TotalQuantity, held, front, next, calendar.TradeDate(now, spec.Market), spec.Market) is { } plan)
                due.Add(new DueRoll(position.Id, position.RecorderId, position.Ticker, plan));
        }
        return due;
    }
}
