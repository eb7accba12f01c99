using System.Globalization;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Jobs;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using BlazorTrader.Tests.Web.Execution;
using BlazorTrader.Tests.Web.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Web.Scheduling;
using Microsoft.EntityFrameworkCore;
using static BlazorTrader.Tests.Web.Strategies.SpxCalendarApp;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>
/// Issue 16 on an Interactive Brokers account: the calendar runs against the fake TWS (real wire protocol on loopback) with a
/// fake clock: the chain from contract details and option ticks with model greeks, BAG limit orders walked by modify of the
/// same order id, combo fills booked per leg, the GTC target resting at IB, the time exit, and reconciliation with IB's positions.
/// </summary>
[Collection(HangfireTestJobs.Collection)]
public sealed class SpxCalendarIbTests
{
    private static readonly DateOnly ShortExpiry = new(2026, 12, 11);   // Friday 11-20 + 21 days
    private static readonly DateOnly LongExpiry = new(2026, 12, 18);    // + 28 days

    /// <summary>
    /// SPX 6000. Short expiry puts -0.12 / -0.18 / -0.22 / -0.30 (0.18 and 0.22 tie: the lower strike wins) and calls
    /// 0.26 / 0.21 / 0.17 / 0.12, plus far strikes outside the quoted window; the long expiry lists the same strikes.
    /// Combo mid at 5750P/6200C = 14.20 + 12.10 - 10.20 - 8.20 = 7.90.
    /// </summary>
    private static void KnownChain(FakeTwsOptions o)
    {
        o.IndexPrice = 6000m;
        (string Right, decimal Strike, decimal Bid, decimal Ask, double Delta)[] shorts =
        [
            ("P", 5000, 0.50m, 0.70m, -0.01), ("P", 5700, 6.00m, 6.40m, -0.12), ("P", 5750, 10.00m, 10.40m, -0.18), ("P", 5800, 12.00m, 12.40m, -0.22),
            ("P", 5850, 16.00m, 16.40m, -0.30), ("C", 6150, 12.00m, 12.40m, 0.26), ("C", 6200, 8.00m, 8.40m, 0.21), ("C", 6250, 6.00m, 6.40m, 0.17),
            ("C", 6300, 4.00m, 4.40m, 0.12), ("C", 6800, 0.10m, 0.30m, 0.01),
        ];
        foreach (var (right, strike, bid, ask, delta) in shorts)
        {
            o.Chain.Add(new FakeOption(ConId(ShortExpiry, right, strike), right, ShortExpiry, strike, bid, ask, delta, 0.16));
            // The long expiry: 4.00 more per option (14.20 and 12.10 at the chosen strikes), deltas a little larger
            o.Chain.Add(new FakeOption(ConId(LongExpiry, right, strike), right, LongExpiry, strike, bid + 4.00m - (right == "C" && strike == 6200 ? 0.10m : 0),
                ask + 4.00m - (right == "C" && strike == 6200 ? 0.10m : 0), delta * 1.1, 0.17));
        }
    }

    /// <summary>A conId per contract the way IB's look: opaque, unique.</summary>
    private static int ConId(DateOnly expiry, string right, decimal strike) =>
        600_000_000 + (expiry.DayNumber % 1000) * 100_000 + (int)strike * 10 + (right == "P" ? 1 : 2);

    private static async Task<long> CreateCalendarAsync(IbApp ib) => await ib.App.CreateStrategyAsync(new
    {
        name = "spx 21/28 at IB", kind = "spxDoubleCalendar", account = ib.AccountId, entryTime = "09:45",
        days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }, enabled = true, parameters = new { },
    });

    private static IReadOnlyList<string[]> PlacedCombos(IbApp ib) => [.. ib.PlacedOrders.Where(f => f[4] == "BAG")];

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The BAG legs of a PLACE_ORDER: (conId, ratio, action, exchange) per leg from field 36.</summary>
    private static List<(int ConId, string Ratio, string Action, string Exchange)> Legs(string[] f) =>
        [.. FakeTwsOptions.ParseLegs(f).Select(l => (l.ConId, l.Ratio.ToString(CultureInfo.InvariantCulture), l.Action, l.Exchange))];

    [Fact]
    public async Task Entry_ChoosesStrikesFromIbModelGreeks_WalksTheLadderByModifyingTheSameOrderId_ThenCancels()
    {
        // Arrange: no combo fills at any price
        await using var ib = await IbApp.StartAsync(start: FridayEntry, arrangeFake: f => KnownChain(f.Options));
        var id = await CreateCalendarAsync(ib);

        // Act: enter, then let every attempt's 15 seconds pass
        var entry = await ib.App.PostJsonAsync($"/api/strategies/{id}/enter");
        var key = $"spxcal:{id}:2026-11-20:entry";
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingCombos().Count == 1), "the BAG working at IB");
        // (a modify's next timer starts when IB's answer is in, so the clock moves by steps until the next attempt shows)
        for (var attempt = 2; attempt <= 5; attempt++)
            await ib.EventuallyAsync(() => Task.FromResult(PlacedCombos(ib).Count == attempt), $"attempt {attempt}", step: TimeSpan.FromSeconds(1));
        await ib.EventuallyAsync(async () => (await ib.App.TradesAsync(id))[0].GetProperty("status").GetString() == "notFilled", "not filled",
            step: TimeSpan.FromSeconds(1));

        // Assert: the strikes the model's deltas give, and the conIds IB listed
        Assert.Equal("accepted", entry.GetProperty("status").GetString());
        var trade = (await ib.App.TradesAsync(id))[0];
        Assert.Equal((5750m, 6200m, 6000m), (trade.GetProperty("putStrike").GetDecimal(), trade.GetProperty("callStrike").GetDecimal(), trade.GetProperty("spx").GetDecimal()));
        Assert.Equal(("2026-12-11", "2026-12-18"), (trade.GetProperty("shortExpiry").GetString(), trade.GetProperty("longExpiry").GetString()));
        int[] conIds = [ConId(ShortExpiry, "P", 5750), ConId(ShortExpiry, "C", 6200), ConId(LongExpiry, "P", 5750), ConId(LongExpiry, "C", 6200)];
        Assert.Equal(conIds.Select(c => (long)c), trade.GetProperty("legs").EnumerateArray().Select(l => l.GetProperty("conId").GetInt64()));

        // One BAG order id, modified four times: mid 7.90 rounded to 0.05, + 0.05 per attempt; BUY 4 LMT, legs by conId
        var placed = PlacedCombos(ib);
        Assert.Single(placed.Select(f => f[1]).Distinct());
        Assert.Equal([7.90m, 7.95m, 8.00m, 8.05m, 8.10m], placed.Select(f => D(f[19])));
        Assert.All(placed, f => Assert.Equal(("SPX", "BUY", 4m, "LMT", "DAY", key), (f[3], f[16], D(f[17]), f[18], f[21], f[26])));
        Assert.Equal([(conIds[0], "1", "SELL", "SMART"), (conIds[1], "1", "SELL", "SMART"), (conIds[2], "1", "BUY", "SMART"), (conIds[3], "1", "BUY", "SMART")], Legs(placed[0]));
        // After the last attempt: the same order id cancelled, nothing left working, the entry intent cancelled
        var cancel = Assert.Single(ib.Fake.ReceivedMessages(4));
        Assert.Equal(placed[0][1], cancel[2]);
        Assert.Empty(ib.Fake.WorkingCombos());
        Assert.Equal(OrderIntentStatus.Cancelled, (await ib.IntentAsync(key)).Status);
        Assert.Contains("not filled after 5 attempts", trade.GetProperty("lastProblem").GetString());

        // Market-data lines: only strikes near the money (not 5000P / 6800C), the long expiry only near the target delta,
        // never more than the limit at once, and every line cancelled after its snapshot
        var requested = ib.Fake.ReceivedMessages(1).Where(f => f[5] == "OPT").Select(f => int.Parse(f[3], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(8 + 6, requested.Count);
        Assert.DoesNotContain(ConId(ShortExpiry, "P", 5000), requested);
        Assert.DoesNotContain(ConId(ShortExpiry, "C", 6800), requested);
        Assert.Equal([5700m, 5750m, 5800m, 6150m, 6200m, 6250m],
            ib.Fake.Options.Chain.Where(o => o.Expiry == LongExpiry && requested.Contains(o.ConId)).Select(o => o.Strike).Order());
        var (open, peak) = OpenLines(ib);
        Assert.Empty(open);
        Assert.InRange(peak, 1, BlazorTrader.Engine.Execution.InteractiveBrokers.InteractiveBrokersBroker.MaxLinesAtOnce);
    }

    [Fact]
    public async Task EntryFill_IsBookedPerLeg_TheGtcTargetRestsAtIbAtTheRoundedPrice_AndItsFillClosesTheTrade()
    {
        // Arrange: the BAG fills once its limit reaches 7.95 (the second attempt)
        await using var ib = await IbApp.StartAsync(start: FridayEntry, arrangeFake: f =>
        {
            KnownChain(f.Options);
            f.Options.BuyComboFillsAt = 7.95m;
        });
        var id = await CreateCalendarAsync(ib);

        // Act
        await ib.App.PostJsonAsync($"/api/strategies/{id}/enter");
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingCombos().Count == 1), "the BAG working at IB");
        await ib.App.AdvanceAsync(TimeSpan.FromSeconds(15));
        await ib.EventuallyAsync(async () => (await ib.App.TradesAsync(id))[0].GetProperty("target").GetProperty("status").GetString() == "working", "the target resting");

        // Assert: the fill (debit per combo, quantity, conIds), each leg booked from its own execution, the BAG's not
        var trade = await ib.App.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        Assert.Equal((SpxCalendarTradeStatus.Open, 7.95m, 4, 11.95m), (trade.Status, trade.Debit!.Value, trade.Quantity, trade.TargetPrice!.Value));
        var entry = await ib.IntentAsync(trade.EntryKey);
        Assert.Equal((OrderIntentStatus.Filled, 4m, 7.95m), (entry.Status, entry.FilledQuantity, entry.AvgFillPrice!.Value));
        Assert.All(entry.Legs, l => Assert.Equal((4m, 1), (l.FilledQuantity, l.ExecutionIds.Count)));
        var book = await ib.App.BookAsync(ib.AccountId);
        Assert.Equal([-4m, -4m, 4m, 4m], trade.Legs.Select(l => book[l.Ticker]));
        Assert.Equal(4, book.Count);
        Assert.Equal(book, await ib.App.BrokerPositionsAsync(ib.AccountId));

        // The GTC target: SELL the combo (closing it) at 7.95 x 1.5 = 11.925, rounded once to 11.95, resting at IB
        var target = Assert.Single(ib.Fake.WorkingCombos());
        Assert.Equal(("SELL", 4m, "LMT", 11.95m, "GTC", trade.TargetKey, true), (target.Action, target.Quantity, target.OrderType, D(target.LimitPrice), target.Tif, target.OrderRef, target.OutsideRth));
        Assert.Equal(target.OrderId.ToString(CultureInfo.InvariantCulture), trade.TargetBrokerOrderId);

        // Act: IB fills the target
        await ib.Fake.FillComboAsync(target.OrderId, 11.95m);
        await ib.EventuallyAsync(async () => (await ib.App.TradesAsync(id))[0].GetProperty("status").GetString() == "closed", "the target's fill");

        // Assert: closed by the target, P&L = (credit - debit) x 100 x quantity, every leg flat
        var closed = await ib.App.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        Assert.Equal(("profit target", 11.95m, (11.95m - 7.95m) * 100m * 4, SpxTargetStatus.Filled),
            (closed.ExitReason, closed.ExitCredit!.Value, closed.RealizedPnl!.Value, closed.TargetStatus));
        await ib.EventuallyAsync(async () => (await ib.App.BookAsync(ib.AccountId)).Count == 0, "the legs flat in the book");
    }

    /// <summary>Imported Friday 11-06 (day 14 = Friday 11-20), legs 5750P/6200C in 11-27/12-04; the exit combo's mid is 6.00.</summary>
    private static readonly object Imported = new
    {
        entryDate = "2026-11-06", shortExpiry = "2026-11-27", longExpiry = "2026-12-04", putStrike = 5750, callStrike = 6200, quantity = 4, debit = 5.00,
    };

    private static void ImportedChain(FakeTwsOptions o)
    {
        o.IndexPrice = 6000m;
        DateOnly near = new(2026, 11, 27), far = new(2026, 12, 4);
        o.Chain.Add(new FakeOption(ConId(near, "P", 5750), "P", near, 5750, 3.90m, 4.10m, -0.12, 0.15));
        o.Chain.Add(new FakeOption(ConId(near, "C", 6200), "C", near, 6200, 2.90m, 3.10m, 0.10, 0.12));
        o.Chain.Add(new FakeOption(ConId(far, "P", 5750), "P", far, 5750, 6.90m, 7.10m, -0.16, 0.16));
        o.Chain.Add(new FakeOption(ConId(far, "C", 6200), "C", far, 6200, 5.90m, 6.10m, 0.15, 0.13));
        o.Chain.Add(new FakeOption(ConId(far, "C", 6500), "C", far, 6500, 0.40m, 0.60m, 0.02, 0.13));
    }

    [Fact]
    public async Task TimeExit_CancelsTheGtcAtIbFirst_ThenClosesTheComboAtMid()
    {
        // Arrange: an imported calendar whose target (7.50) rests at IB; the close fills at its mid
        await using var ib = await IbApp.StartAsync(start: FridayEntry, arrangeFake: f =>
        {
            ImportedChain(f.Options);
            f.Options.SellComboFillsAt = 6.00m;
        });
        var id = await CreateCalendarAsync(ib);
        await ib.App.PostJsonAsync($"/api/strategies/{id}/import", Imported);
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingCombos().Count == 1), "the target resting at IB");
        var target = ib.Fake.WorkingCombos()[0];
        Assert.Equal(("SELL", 7.50m, "GTC"), (target.Action, D(target.LimitPrice), target.Tif));

        // Act: 15:00 ET on day 14, the exit job
        ib.App.Time.Advance(TimeSpan.FromHours(5.25));
        Assert.Equal("Succeeded", await ib.App.RunAsync(SpxCalendarKindJobs.ExitJob(id)));
        await ib.EventuallyAsync(async () => (await ib.App.TradesAsync(id))[0].GetProperty("status").GetString() == "closed", "the close");

        // Assert: the GTC's cancel reached IB before the closing order; the close SELLs the combo at mid 6.00
        var received = ib.Fake.Received.ToList();
        var cancelAt = received.FindIndex(r => r.MessageId == 4 && r.Fields[2] == target.OrderId.ToString(CultureInfo.InvariantCulture));
        var closeAt = received.FindIndex(r => r.MessageId == 3 && r.Fields[4] == "BAG" && r.Fields[1] != target.OrderId.ToString(CultureInfo.InvariantCulture));
        Assert.InRange(cancelAt, 0, closeAt - 1);
        var close = received[closeAt].Fields;
        Assert.Equal(("SELL", 4m, "LMT", 6.00m, "DAY"), (close[16], D(close[17]), close[18], D(close[19]), close[21]));
        var trade = await ib.App.DbAsync(db => db.SpxCalendarTrades.AsNoTracking().SingleAsync());
        Assert.Equal((6.00m, (6.00m - 5.00m) * 100m * 4, SpxTargetStatus.Cancelled), (trade.ExitCredit!.Value, trade.RealizedPnl!.Value, trade.TargetStatus));
        Assert.StartsWith("time exit (day 14)", trade.ExitReason);
    }

    [Fact]
    public async Task TimeExit_WhenIbRefusesTheTargetsCancel_AbortsTheCloseAndAlerts()
    {
        // Arrange: the target rests at IB and TWS answers its cancel with 10148, the order still working
        await using var ib = await IbApp.StartAsync(start: FridayEntry, arrangeFake: f => ImportedChain(f.Options));
        var id = await CreateCalendarAsync(ib);
        var tradeId = (await ib.App.PostJsonAsync($"/api/strategies/{id}/import", Imported)).GetProperty("tradeId").GetInt64();
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingCombos().Count == 1), "the target resting at IB");
        var target = ib.Fake.WorkingCombos()[0];
        ib.Fake.RefuseCancels(target.OrderRef);

        // Act: 15:00 ET on day 14, the exit job
        ib.App.Time.Advance(TimeSpan.FromHours(5.25));
        Assert.Equal("Succeeded", await ib.App.RunAsync(SpxCalendarKindJobs.ExitJob(id)));
        await ib.EventuallyAsync(async () => (await ib.App.TradesAsync(id))[0].GetProperty("lastProblem").GetString()?.Contains("close aborted") == true, "the abort");

        // Assert: IB was asked to cancel the target, refused; the trade stays open, no closing combo went out, the target still rests
        Assert.Contains(ib.Fake.ReceivedMessages(4), f => f[2] == target.OrderId.ToString(CultureInfo.InvariantCulture));
        var trade = (await ib.App.TradesAsync(id))[0];
        Assert.Equal("open", trade.GetProperty("status").GetString());
        Assert.Contains("10148", trade.GetProperty("lastProblem").GetString());
        Assert.Equal([target.OrderId], ib.Fake.WorkingCombos().Select(o => o.OrderId));
        Assert.Single(PlacedCombos(ib));
        Assert.False(await ib.App.DbAsync(db => db.OrderIntents.AnyAsync(i => i.IdempotencyKey.StartsWith($"spxcal:{id}:trade:{tradeId}:exit"))));
        Assert.True(await ib.App.DbAsync(db => db.AuditLog.AnyAsync(a => a.Category == "spx-calendar" && a.Message.Contains("close aborted"))));
    }

    [Fact]
    public async Task Reconciliation_AgainstIbPositions_ReportsAMissingLegAndAnOrphan()
    {
        // Arrange: the imported calendar's legs held at IB, except its short put; and an SPXW call no calendar opened
        await using var ib = await IbApp.StartAsync(start: FridayEntry, arrangeFake: f => ImportedChain(f.Options));
        var id = await CreateCalendarAsync(ib);
        await ib.App.PostJsonAsync($"/api/strategies/{id}/import", Imported);
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingCombos().Count == 1), "the target resting at IB");
        DateOnly near = new(2026, 11, 27), far = new(2026, 12, 4);
        ib.Fake.SetOptionPosition(ConId(near, "C", 6200), -4);
        ib.Fake.SetOptionPosition(ConId(far, "P", 5750), 4);
        ib.Fake.SetOptionPosition(ConId(far, "C", 6200), 4);
        ib.Fake.SetOptionPosition(ConId(far, "C", 6500), -1);

        // Act
        Assert.Equal("Succeeded", await ib.App.RunAsync(SpxCalendarKindJobs.ReconcileJob(id)));
        var found = await ib.App.PostJsonAsync($"/api/strategies/{id}/reconcile");

        // Assert: IB's option positions read back as our tickers
        Assert.Equal(["SPXW261127P05750000: expected -4, the broker holds 0"], found.GetProperty("missingLegs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["SPXW261204C06500000: -1 held, no calendar has it"], found.GetProperty("orphans").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await ib.App.DbAsync(db => db.AuditLog.AnyAsync(a => a.Message.Contains("missing leg SPXW261127P05750000") && a.Message.Contains("orphan SPXW261204C06500000"))));
    }

    /// <summary>Replays REQ_MKT_DATA (1) and CANCEL_MKT_DATA (2) in arrival order: the lines left open, and the most open at once.</summary>
    private static (HashSet<string> Open, int Peak) OpenLines(IbApp ib)
    {
        var open = new HashSet<string>();
        var peak = 0;
        foreach (var r in ib.Fake.Received)
        {
            if (r.MessageId == 1) open.Add(r.Fields[2]);
            else if (r.MessageId == 2) open.Remove(r.Fields[2]);
            peak = Math.Max(peak, open.Count);
        }
        return (open, peak);
    }
}
