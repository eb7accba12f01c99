using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Tests.Engine.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Instruments;

/// <summary>Open positions on continuous futures, found near their month's end: MNQ December 2026 rolls on Thu Dec 10
/// (last trade Fri Dec 18).</summary>
public class RollWatchTests
{
    private static readonly TradingCalendar Calendar = new();
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.FromConfiguration(null);
    private static readonly DateTimeOffset Wednesday9 = new(2026, 12, 9, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday11 = new(2026, 12, 11, 15, 0, 0, TimeSpan.Zero);

    private static (RollWatch Watch, EngineEventHub Hub) Watch(params PositionSnapshot[] open)
    {
        var hub = new EngineEventHub();
        hub.ResetOpenPositions(open);
        return (new RollWatch(hub, new ContinuousContracts(Catalog, Calendar), Catalog, Calendar), hub);
    }

    private static PositionSnapshot Open(long id, string ticker, DateTime openedUtc, decimal quantity = 2) =>
        new(id, 1, ticker, "long", quantity, 21500m, null, 0, 0, 0, 0, "open", openedUtc, null);

    [Fact]
    public void APositionOpenedInDecember_IsDueOnceMnq1MeansMarch_AndNotTheDayBefore()
    {
        var (watch, _) = Watch(Open(7, "MNQ1!", new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc)));

        Assert.Empty(watch.Due(Wednesday9));
        var due = Assert.Single(watch.Due(Friday11));

        Assert.Equal((7L, "MNQZ2026", "MNQH2027", true, 5, 2m), (due.PositionId, due.Plan.From.DatedSymbol, due.Plan.To.DatedSymbol,
            due.Plan.Roll, due.Plan.TradingDaysLeft, due.Plan.Quantity));
    }

    [Fact]
    public void APositionOpenedAfterTheRoll_IsInMarch_AndNeedsNothing_AsDoStocksAndDatedMonths()
    {
        var (watch, _) = Watch(
            Open(8, "MNQ1!", new DateTime(2026, 12, 10, 20, 0, 0, DateTimeKind.Utc)),
            Open(9, "AAPL", new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc)),
            Open(10, "MNQH2027", new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc)));

        Assert.Empty(watch.Due(Friday11));
    }

    [Fact]
    public async Task Warnings_GoToTheLogAndTheNotifiers_OncePerTradingDayLeft()
    {
        var (watch, hub) = Watch(Open(7, "MNQ1!", new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc)));
        var time = new FakeTimeProvider(Friday11);
        var recording = new RecordingNotifier();
        using var dispatcher = new NotificationDispatcher([recording], Notifications.Notifications.Options(), time);
        await dispatcher.StartAsync(CancellationToken.None);
        var warnings = new RollWarnings(watch, hub, dispatcher, time);

        var first = warnings.WarnDue();
        var again = warnings.WarnDue();
        time.Advance(TimeSpan.FromDays(3));   // Monday Dec 14: one trading day fewer, a new warning
        var nextDay = warnings.WarnDue();

        Assert.Equal((1, 0, 1), (first, again, nextDay));
        var sent = await recording.Received.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((NotificationKind.RollDue, "Roll MNQZ2026"), (sent.Kind, sent.Title));
        Assert.Contains(hub.RecentLog, l => l.Level == EngineLogLevel.Warning && l.Message.Contains("roll 2 to MNQH2027"));
        await dispatcher.StopAsync(CancellationToken.None);
    }
}
