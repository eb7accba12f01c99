using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using BlazorTrader.Tests.Web.Execution;
using BlazorTrader.Tests.Web.Execution.InteractiveBrokers;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>
/// The gap-and-go day trader on an Interactive Brokers account (issue 17), against the fake TWS on loopback: the scan's
/// bars and previous closes come from REQ_HISTORICAL_DATA (no tick reaches the engine), the "scanner" universe from
/// REQ_SCANNER_SUBSCRIPTION, and the entry and its bracket are the PLACE_ORDERs the fake receives. The tape is
/// <see cref="GapAndGoTape"/>'s, so the numbers are the hand-computed ones of the paper test.
/// </summary>
public sealed class GapAndGoIbTests
{
    // Net liquidation at the fake 1,000,123.45: 25 % = 250,030.86; / 4 positions = 62,507.715; / 10.60 = 5896 shares.
    // Bracket from the fill 10.60: 10.60 x 1.018 = 10.7908 -> 10.79, 10.60 x 0.991 = 10.5046 -> 10.50.
    private const decimal Shares = 5896m;

    private static void Script(FakeTwsServer fake)
    {
        fake.FillPrice = 10.60m;
        foreach (var symbol in GapAndGoTape.Universe)
        {
            fake.IntradayBars[symbol] =
            [
                // A premarket trade IB would send with useRTH=0: the regular-session request must not get it.
                new FakeBar(GapAndGoTape.Open.AddMinutes(-30), 9m, 9m, 9m, 9m, 5000m),
                .. GapAndGoTape.TodaysBars(symbol).Select(b => new FakeBar(b.Start, b.Open, b.High, b.Low, b.Close, b.Volume)),
            ];
            var close = GapAndGoTape.PreviousCloseOf(symbol);
            fake.DailyBars[symbol] =
            [
                Daily(new DateOnly(2026, 11, 17), close - 0.40m),
                Daily(new DateOnly(2026, 11, 18), close),
                // Today's bar so far: the previous close is Wednesday's, not the last bar's.
                Daily(new DateOnly(2026, 11, 19), close + 0.50m),
            ];
        }
    }

    private static FakeBar Daily(DateOnly date, decimal close) =>
        new(new DateTimeOffset(date.ToDateTime(new TimeOnly(14, 30)), TimeSpan.Zero), close, close, close, close, 100_000m, date);

    [Fact]
    public async Task Scan_ReadsTheBarsAndPreviousCloseFromTws_EntersOnlyTheGap_WithTheExactSharesAndADayOcaBracketAtTws()
    {
        // Arrange
        await using var ib = await IbApp.StartAsync(arrangeFake: Script, start: GapAndGoTape.ScanAt);
        var id = await GapAndGoTape.CreateStrategyAsync(ib.App, ib.AccountId);

        // Act
        var scan = await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");

        // Assert: the hand-computed numbers of the tape, from IB's bars (16 of them: the premarket bar is not regular hours)
        Assert.Empty(ib.Fake.Violations);
        var gap = GapAndGoTape.Item(scan, "GAPR");
        Assert.Equal((10.60m, 10.00m, 6.00m, 49.93m, 0.35m, 10.5870m, 16), Numbers(gap));
        Assert.Equal((true, "gap 6.00 % >= 5", "entered"), Verdict(gap));
        var strong = GapAndGoTape.Item(scan, "STRG");
        Assert.Equal((20.80m, 20.00m, 4.00m, 87.34m, 0.31m, 20.4070m, 16), Numbers(strong));
        Assert.Equal((false, "rsi 87.3 >= 60", "none"), Verdict(strong));
        var flat = GapAndGoTape.Item(scan, "FLAT");
        Assert.Equal((5.00m, 5.00m, 0.00m, 46.43m, 0.20m, 5.0053m, 16), Numbers(flat));
        Assert.Equal((false, "gap 0.00 % < 5; price 5 <= vwap 5.0053", "none"), Verdict(flat));

        // The requests: per symbol one day of daily bars and today's 30-second TRADES bars of the regular session since 09:30 ET
        var history = ib.Fake.ReceivedMessages(20);
        Assert.Equal(6, history.Count);
        foreach (var symbol in GapAndGoTape.Universe)
        {
            var intraday = Assert.Single(history, f => f[3] == symbol && f[16] == "30 secs");
            Assert.Equal(("STK", "SMART", "USD", "1", "TRADES", "2", "0"), (intraday[4], intraday[9], intraday[11], intraday[18], intraday[19], intraday[20], intraday[21]));
            Assert.StartsWith("20261119-15:00:", intraday[15], StringComparison.Ordinal);
            var seconds = int.Parse(intraday[17].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(seconds is >= 1800 and <= 1830 && seconds % 30 == 0 && intraday[17].EndsWith(" S", StringComparison.Ordinal), intraday[17]);
            var daily = Assert.Single(history, f => f[3] == symbol && f[16] == "1 day");
            Assert.Equal(("10 D", "1", "TRADES", "2"), (daily[17], daily[18], daily[19], daily[20]));
        }

        // The entry at TWS: BUY 5896 GAPR at market, DAY, keyed by the entry key; on its fill the bracket, DAY, one OCA group
        var key = $"gap:{id}:2026-11-19:GAPR:1";
        await ib.EventuallyAsync(() => Task.FromResult(ib.PlacedOrders.Count >= 3), "the entry and its bracket at TWS");
        var placed = ib.PlacedOrders.Select(f => FakeOrder.Parse(f, IbApp.ClientId)).ToList();
        Assert.Equal(3, placed.Count);
        Assert.Equal(("GAPR", "STK", "BUY", Shares, "MKT", "DAY", key, ""), Order(placed[0]));
        // The two children are sent side by side, so TWS may see either first
        var stop = Assert.Single(placed, o => o.OrderRef == key + ":sl");
        var target = Assert.Single(placed, o => o.OrderRef == key + ":tp");
        Assert.Equal(("GAPR", "STK", "SELL", Shares, "STP", "DAY", key + ":sl", key), Order(stop));
        Assert.Equal(10.50m, decimal.Parse(stop.AuxPrice, CultureInfo.InvariantCulture));
        Assert.Equal(("GAPR", "STK", "SELL", Shares, "LMT", "DAY", key + ":tp", key), Order(target));
        Assert.Equal(10.79m, decimal.Parse(target.LimitPrice, CultureInfo.InvariantCulture));
        Assert.Equal(2, ib.Fake.WorkingOrders().Count(o => o.OcaGroup == key));
    }

    [Fact]
    public async Task ASymbolTwsHasNoBarsFor_FallsBackToTheEnginesBars_AndTheOthersStillScan()
    {
        // Arrange: TWS answers FLAT's intraday request with 162 "no data"; no tick of FLAT reached the engine either
        await using var ib = await IbApp.StartAsync(arrangeFake: fake =>
        {
            Script(fake);
            fake.IntradayBars.TryRemove("FLAT", out _);
        }, start: GapAndGoTape.ScanAt);
        var id = await GapAndGoTape.CreateStrategyAsync(ib.App, ib.AccountId);

        // Act
        var scan = await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");

        // Assert: FLAT has the engine's bars (none) and still IB's previous close; GAPR is scanned and bought as before
        var flat = GapAndGoTape.Item(scan, "FLAT");
        Assert.Equal((0, 5.00m, "no price"), (flat.GetProperty("bars").GetInt32(), flat.GetProperty("previousClose").GetDecimal(), flat.GetProperty("reason").GetString()));
        Assert.Equal((true, "gap 6.00 % >= 5", "entered"), Verdict(GapAndGoTape.Item(scan, "GAPR")));
        var hub = ib.App.Services.GetRequiredService<BlazorTrader.Engine.Events.EngineEventHub>();
        Assert.Contains(hub.RecentLog, l => l.Message.Contains("broker history of 1 symbol(s) not fresh", StringComparison.Ordinal)
            && l.Message.Contains("FLAT: TWS error 162", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondScan_BuysNothingMore_AndAsksTwsNothingTheFirstJustAnswered()
    {
        // Arrange: the first scan bought GAPR and its bracket rests at TWS
        await using var ib = await IbApp.StartAsync(arrangeFake: Script, start: GapAndGoTape.ScanAt);
        var id = await GapAndGoTape.CreateStrategyAsync(ib.App, ib.AccountId);
        await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingOrders().Count == 2), "the bracket at TWS");
        await ib.EventuallyAsync(async () => (await ib.BookAsync("GAPR"))?.Quantity == Shares, "the fill in the account's book");

        // Act: a second scan within 15 s of the first (same fake clock)
        var second = await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");

        // Assert: nothing more bought; the identical history requests were not sent again (IB's 15-second pacing rule)
        Assert.Equal((false, "open position", "none"), Verdict(GapAndGoTape.Item(second, "GAPR")));
        Assert.Equal((20.80m, 20.00m, 4.00m, 87.34m, 0.31m, 20.4070m, 16), Numbers(GapAndGoTape.Item(second, "STRG")));
        Assert.Single(ib.PlacedOrders, f => f[16] == "BUY");
        Assert.Equal(6, ib.Fake.ReceivedMessages(20).Count);
    }

    [Fact]
    public async Task Day_ShowsThePositionWithItsBracketAtTws_AndAfterTwsFillsTheStop_ClosedTodayWithItsPnl_NoReentry()
    {
        // Arrange: the entry filled and its bracket rests at TWS
        await using var ib = await IbApp.StartAsync(arrangeFake: Script, start: GapAndGoTape.ScanAt);
        var id = await GapAndGoTape.CreateStrategyAsync(ib.App, ib.AccountId);
        await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingOrders().Count == 2), "the bracket at TWS");
        var key = $"gap:{id}:2026-11-19:GAPR:1";
        await ib.IntentStatusAsync(key + ":sl", OrderIntentStatus.Submitted);
        await ib.IntentStatusAsync(key + ":tp", OrderIntentStatus.Submitted);
        var engine = ib.App.Services.GetRequiredService<ITradingEngine>();
        var stop = ib.Fake.WorkingOrders().Single(o => o.OrderType == "STP");
        var target = ib.Fake.WorkingOrders().Single(o => o.OrderType == "LMT");

        // Act 1
        var open = await engine.SendAsync(new GetGapAndGoDay(id), TimeSpan.FromSeconds(10));

        // Assert 1: the position and both legs as TWS holds them (its order ids)
        var position = Assert.Single(open.Positions);
        Assert.Equal(("GAPR", Shares, 10.60m), (position.Symbol, position.Quantity, position.EntryPrice));
        Assert.Equal((10.79m, "submitted", target.OrderId.ToString(CultureInfo.InvariantCulture)), (position.TakeProfit!.Price, position.TakeProfit.Status, position.TakeProfit.BrokerOrderId));
        Assert.Equal((10.50m, "submitted", stop.OrderId.ToString(CultureInfo.InvariantCulture)), (position.StopLoss!.Price, position.StopLoss.Status, position.StopLoss.BrokerOrderId));
        Assert.Empty(open.Closed);
        Assert.Equal(250_030.86m, open.Budget);

        // Act 2: TWS fills the stop at 10.50 (its OCA group cancels the take-profit), then a scan
        await ib.Fake.FillRestingAsync(stop.OrderId, 10.50m);
        await ib.IntentStatusAsync(key + ":sl", OrderIntentStatus.Filled);
        await ib.EventuallyAsync(async () => (await ib.BookAsync("GAPR"))?.Quantity == 0, "the book flat");
        var after = await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");
        var closedDay = await engine.SendAsync(new GetGapAndGoDay(id), TimeSpan.FromSeconds(10));

        // Assert 2: 5896 x (10.50 - 10.60) = -589.60; closed today, not bought again
        Assert.Equal((false, "closed today", "none"), Verdict(GapAndGoTape.Item(after, "GAPR")));
        Assert.Single(ib.PlacedOrders, f => f[16] == "BUY");
        Assert.Empty(closedDay.Positions);
        var closed = Assert.Single(closedDay.Closed);
        Assert.Equal(("GAPR", Shares, 10.60m, (decimal?)10.50m, "stop", -589.60m), (closed.Symbol, closed.Quantity, closed.EntryPrice, closed.ExitPrice, closed.Exit, closed.RealizedPnl));
        Assert.Equal(-589.60m, closedDay.DayPnl);
    }

    [Fact]
    public async Task Liquidate_CancelsTheBracketAtTwsBeforeAnySale_AndSellsAnUntrackedUniversePosition()
    {
        // Arrange: GAPR bought by the scan with its bracket at TWS; FLAT (universe) and OTHR (not) held at IB, bought by hand
        await using var ib = await IbApp.StartAsync(arrangeFake: fake =>
        {
            Script(fake);
            fake.HoldStock("FLAT", 300m, 4.90m);
            fake.HoldStock("OTHR", 50m, 12m);
        }, start: GapAndGoTape.ScanAt);
        var id = await GapAndGoTape.CreateStrategyAsync(ib.App, ib.AccountId);
        await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");
        await ib.EventuallyAsync(() => Task.FromResult(ib.Fake.WorkingOrders().Count == 2), "the bracket at TWS");
        var key = $"gap:{id}:2026-11-19:GAPR:1";
        await ib.IntentStatusAsync(key + ":tp", OrderIntentStatus.Submitted);
        var bracket = ib.Fake.WorkingOrders().Select(o => o.OrderId).ToHashSet();

        // Act
        var result = await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/liquidate");

        // Assert: the steps, then at TWS both bracket cancels before the first closing order, and nothing left but OTHR
        var steps = result.GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("symbol").GetString(), s.GetProperty("action").GetString(), s.GetProperty("quantity").GetDecimal())).ToList();
        Assert.Equal([("GAPR", "cancel", Shares), ("GAPR", "cancel", Shares), ("GAPR", "sell", Shares), ("FLAT", "sell-untracked", 300m)], steps);
        await ib.EventuallyAsync(() => Task.FromResult(ib.PlacedOrders.Count(f => f[26].EndsWith(":liquidate", StringComparison.Ordinal)) == 2), "the two sales at TWS");
        var received = ib.Fake.Received.ToList();
        var lastCancel = received.FindLastIndex(r => r.MessageId == 4);
        var firstSale = received.FindIndex(r => r.MessageId == 3 && r.Fields[26].EndsWith(":liquidate", StringComparison.Ordinal));
        Assert.True(lastCancel >= 0 && lastCancel < firstSale, $"cancel at {lastCancel}, first sale at {firstSale}");
        Assert.Equal(bracket, received.Where(r => r.MessageId == 4).Select(r => int.Parse(r.Fields[2], CultureInfo.InvariantCulture)).ToHashSet());
        var sales = ib.PlacedOrders.Select(f => FakeOrder.Parse(f, IbApp.ClientId)).Where(o => o.OrderRef.EndsWith(":liquidate", StringComparison.Ordinal))
            .Select(o => (o.Symbol, o.SecType, o.Action, o.Quantity, o.OrderType)).OrderBy(o => o.Symbol).ToList();
        Assert.Equal([("FLAT", "STK", "SELL", 300m, "MKT"), ("GAPR", "STK", "SELL", Shares, "MKT")], sales);
        Assert.Empty(ib.Fake.WorkingOrders());
        lock (ib.Fake.Book.Gate)
            Assert.Equal([("FLAT", 0m), ("GAPR", 0m), ("OTHR", 50m)], ib.Fake.Book.Positions.Select(p => (p.Key, p.Value.Position)).OrderBy(p => p.Key).ToList());
    }

    [Fact]
    public async Task ScannerUniverse_IsTwsTopPercentGainersInThePriceRange_OneSnapshotThenCancelled()
    {
        // Arrange: TWS's scanner answers the tape's three symbols
        await using var ib = await IbApp.StartAsync(arrangeFake: fake =>
        {
            Script(fake);
            fake.ScannerRows.AddRange(["GAPR", "STRG", "FLAT"]);
        }, start: GapAndGoTape.ScanAt);
        var id = await CreateAsync(ib.App, ib.AccountId, new { universe = new[] { "scanner" } });

        // Act
        var scan = await GapAndGoTape.PostAsync(ib.App, $"/api/strategies/{id}/scan");

        // Assert: the subscription as the rules say (STK, STK.US.MAJOR, TOP_PERC_GAIN, minPrice 1, maxPrice 18, 50 rows), then its cancel
        Assert.Empty(ib.Fake.Violations);
        var request = Assert.Single(ib.Fake.ReceivedMessages(22));
        Assert.Equal(("50", "STK", "STK.US.MAJOR", "TOP_PERC_GAIN", "1", "18"), (request[2], request[3], request[4], request[5], request[6], request[7]));
        var cancel = Assert.Single(ib.Fake.ReceivedMessages(23));
        Assert.Equal(("1", request[1]), (cancel[1], cancel[2]));
        Assert.Empty(ib.Fake.OpenScannerSubscriptions);
        // The scanner's symbols are the universe, scanned with IB's bars like a listed one
        Assert.Equal(["GAPR", "STRG", "FLAT"], scan.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("symbol").GetString()!).ToArray());
        Assert.Equal((10.60m, 10.00m, 6.00m, 49.93m, 0.35m, 10.5870m, 16), Numbers(GapAndGoTape.Item(scan, "GAPR")));
        Assert.Equal((true, "gap 6.00 % >= 5", "entered"), Verdict(GapAndGoTape.Item(scan, "GAPR")));
        Assert.True(scan.GetProperty("note").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task ScannerUniverse_OnPaper_ScansNothing_AndTheScanSaysWhy()
    {
        // Arrange
        await using var app = new ExecutionAppFactory(start: GapAndGoTape.ScanAt);
        var account = await app.PaperAccountIdAsync();
        var id = await CreateAsync(app, account, new { universe = new[] { "scanner" } });

        // Act
        var scan = await GapAndGoTape.PostAsync(app, $"/api/strategies/{id}/scan");

        // Assert
        Assert.Empty(scan.GetProperty("items").EnumerateArray());
        Assert.Equal(
            "universe \"scanner\" needs a broker with a market scanner (Interactive Brokers); this account's broker has none, so no symbol was scanned: list the tickers instead",
            scan.GetProperty("note").GetString());
        using var client = app.ApiClient();
        var latest = await client.GetJsonAsync($"/api/strategies/{id}/scan");
        Assert.Equal(scan.GetProperty("note").GetString(), latest.GetProperty("note").GetString());
    }

    private static async Task<long> CreateAsync(ExecutionAppFactory app, long account, object parameters)
    {
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/strategies", new { name = "gap and go", account, kind = "gapAndGo", enabled = true, parameters });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private static (string, string, string, decimal, string, string, string, string) Order(FakeOrder o) =>
        (o.Symbol, o.SecType, o.Action, o.Quantity, o.OrderType, o.Tif, o.OrderRef, o.OcaGroup);

    private static (decimal, decimal, decimal, decimal, decimal, decimal, int) Numbers(JsonElement i) =>
        (i.GetProperty("price").GetDecimal(), i.GetProperty("previousClose").GetDecimal(), i.GetProperty("gapPercent").GetDecimal(),
            i.GetProperty("rsi").GetDecimal(), i.GetProperty("atrPercent").GetDecimal(), i.GetProperty("vwap").GetDecimal(), i.GetProperty("bars").GetInt32());

    private static (bool, string, string) Verdict(JsonElement i) =>
        (i.GetProperty("eligible").GetBoolean(), i.GetProperty("reason").GetString()!, i.GetProperty("action").GetString()!);
}
