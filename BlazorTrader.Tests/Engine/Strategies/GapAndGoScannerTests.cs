using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.GapAndGo;
using BlazorTrader.Engine.Strategies.Indicators;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Strategies;

/// <summary>
/// The scan on a hand-built tape of three symbols: GAPR gaps +6 % with RSI 50, STRG rises every bar (RSI 100), FLAT
/// wobbles around its previous close. 15 bars of 30 s each, one bar per close, volume 100 each.
/// </summary>
public class GapAndGoScannerTests
{
    static readonly DateTimeOffset TenAm = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);   // Tuesday 10:00 ET
    static readonly TradingCalendar Calendar = new();
    static readonly GapAndGoParameters Defaults = new() { Universe = ["GAPR", "STRG", "FLAT"] };
    const decimal Budget = 25_000m;   // 25 % of a 100,000 net liquidation

    static List<Bar> Bars(DateTimeOffset start, Func<int, decimal> close) =>
        Enumerable.Range(0, 15).Select(i => new Bar(start.AddSeconds(30 * i), close(i), close(i), close(i), close(i), 100m)).ToList();

    // GAPR: 10.60, 10.70, 10.60, ... 7 changes up and 7 down of 0.10 -> RSI = 50; last 10.60 vs previous close 10 -> gap 6 %
    static SymbolSnapshot Gapr(DateTimeOffset start) => new("GAPR", Bars(start, i => i % 2 == 0 ? 10.60m : 10.70m), null, 10.00m);

    // STRG: 20.0, 20.1, ... 21.4: no losses -> RSI 100
    static SymbolSnapshot Strg(DateTimeOffset start) => new("STRG", Bars(start, i => 20m + i * 0.1m), null, 20.00m);

    // FLAT: 5.00/5.01 alternating, last 5.00 = previous close; RSI 50; vwap = (8 x 5.00 + 7 x 5.01) / 15 = 75.07 / 15 = 5.00466...
    static SymbolSnapshot Flat(DateTimeOffset start) => new("FLAT", Bars(start, i => i % 2 == 0 ? 5.00m : 5.01m), null, 5.00m);

    static ScanResult Scan(GapAndGoBook book, DateTimeOffset? at = null, GapAndGoParameters? parameters = null, IEnumerable<SymbolSnapshot>? symbols = null)
    {
        var now = at ?? TenAm;
        var start = now.AddMinutes(-8);
        var scanner = new GapAndGoScanner(Calendar, new FakeTimeProvider(now));
        return scanner.Scan(7, parameters ?? Defaults, Budget, symbols ?? [Gapr(start), Strg(start), Flat(start)], book);
    }

    [Fact]
    public void TheTape_ShowsEveryNumber_AndEntersOnlyTheGapper()
    {
        // Act
        var result = Scan(GapAndGoBook.Empty);

        // Assert: ranked by gap: STRG (21.4 - 20) / 20 = 7 %, GAPR 6 %, FLAT 0 %
        Assert.Equal(["STRG", "GAPR", "FLAT"], result.Items.Select(i => i.Symbol));
        var strg = result.Items[0];
        Assert.Equal((21.4m, 7m, 100m, false, "rsi 100.0 >= 60", ScanAction.None), (strg.Price, strg.GapPercent, strg.Rsi, strg.Eligible, strg.Reason, strg.Action));

        var gapr = result.Items[1];
        Assert.Equal((10.60m, 10.00m, 6m, 50m, 15), (gapr.Price, gapr.PreviousClose, gapr.GapPercent, gapr.Rsi, gapr.Bars));
        // vwap = (8 x 10.60 + 7 x 10.70) / 15 = 159.70 / 15 = 10.6466666667
        // ATR: TR 0 (first bar, H = L), then 0.10 on each later bar; seed over 14 bars = 1.3 / 14 = 13/140;
        // 15th bar: (13/140 x 13 + 0.1) / 14 = 183/1960 = 0.0933673469; as % of 10.60 = 0.8808240277
        Assert.Equal(10.6466666667m, Math.Round(gapr.Vwap!.Value, 10));
        Assert.Equal(0.8808240277m, Math.Round(gapr.AtrPercent!.Value, 10));
        Assert.True(gapr.Eligible);
        Assert.Equal("gap 6.00 % >= 5", gapr.Reason);
        // shares = floor(25,000 / 4 / 10.60) = floor(589.62) = 589; key = strategy 7 + trade date + symbol + entry 1
        Assert.Equal(new GapAndGoEntry("GAPR", 589, EntryOrderKind.Market, null, 1, "gap:7:2026-12-01:GAPR:1"), gapr.Entry);

        var flat = result.Items[2];
        Assert.Equal((0m, 50m, false), (flat.GapPercent, flat.Rsi, flat.Eligible));
        Assert.Equal("gap 0.00 % < 5; price 5 <= vwap 5.0047", flat.Reason);
        Assert.Single(result.Entries);
    }

    [Fact]
    public void ASecondScan_WithThePositionOpen_BuysNothingMore()
    {
        var book = new GapAndGoBook { OpenPositions = new HashSet<string> { "GAPR" }, EntriesToday = new Dictionary<string, int> { ["GAPR"] = 1 } };

        var result = Scan(book);

        Assert.Empty(result.Entries);
        Assert.Equal("open position", result.Items.Single(i => i.Symbol == "GAPR").Reason);
    }

    [Theory]
    [InlineData("working", "working order")]
    [InlineData("closed", "closed today")]
    [InlineData("cooldown", "cooldown (90 s left)")]
    public void ABlockedSymbol_NamesItsRule(string state, string reason)
    {
        var one = new HashSet<string> { "GAPR" };
        var book = state switch
        {
            "working" => new GapAndGoBook { WorkingOrders = one },
            "closed" => new GapAndGoBook { ClosedToday = one },
            _ => new GapAndGoBook { CooldownUntil = new Dictionary<string, DateTimeOffset> { ["GAPR"] = TenAm.AddSeconds(90) } },
        };

        var gapr = Scan(book).Items.Single(i => i.Symbol == "GAPR");

        Assert.Equal((false, reason, ScanAction.None), (gapr.Eligible, gapr.Reason, gapr.Action));
    }

    [Fact]
    public void AnExpiredCooldown_NoLongerBlocks()
    {
        var book = new GapAndGoBook { CooldownUntil = new Dictionary<string, DateTimeOffset> { ["GAPR"] = TenAm } };

        Assert.Equal(ScanAction.Enter, Scan(book).Items.Single(i => i.Symbol == "GAPR").Action);
    }

    [Fact]
    public void MaxPositions_CountsOpenPositionsAndThisScansEntries()
    {
        // Arrange: maxPositions 2, one position open elsewhere; two gappers: BIGG +8 % then GAPR +6 %
        var start = TenAm.AddMinutes(-8);
        var bigg = new SymbolSnapshot("BIGG", Bars(start, i => i % 2 == 0 ? 5.40m : 5.45m), null, 5.00m);
        var book = new GapAndGoBook { OpenPositions = new HashSet<string> { "ZZZ" } };

        // Act
        var result = Scan(book, parameters: Defaults with { MaxPositions = 2 }, symbols: [Gapr(start), bigg]);

        // Assert: BIGG takes the last slot; shares = floor(25,000 / 2 / 5.40) = floor(2314.8) = 2314
        Assert.Equal(("BIGG", 2314), (result.Entries.Single().Symbol, result.Entries.Single().Shares));
        Assert.Equal("max positions (2 of 2 open)", result.Items.Single(i => i.Symbol == "GAPR").Reason);
    }

    [Fact]
    public void StrengthAboveVwap_EntersWithoutAGap_WhenAtrIsHighEnough()
    {
        // Arrange: the GAPR shape with a last bar at 10.70: changes +0.1 x 7, -0.1 x 6, then 0
        var start = TenAm.AddMinutes(-8);
        var bars = Bars(start, i => i % 2 == 0 ? 10.60m : 10.70m);
        bars[^1] = bars[^1] with { Open = 10.70m, High = 10.70m, Low = 10.70m, Close = 10.70m };
        var snapshot = new SymbolSnapshot("VWAP", bars, null, 10.50m);   // gap (10.70 - 10.50) / 10.50 = 1.90 %

        // Act
        var item = Scan(GapAndGoBook.Empty, symbols: [snapshot]).Items.Single();

        // Assert: rsi: up = 0.7 / 14, down = 0.6 / 14, rs = 7/6 -> 100 - 100 x 6/13 = 53.8461538462
        // vwap = (7 x 10.60 + 8 x 10.70) / 15 = 159.8 / 15 = 10.6533333333; ATR = (13/140 x 13 + 0) / 14 = 0.0862 = 0.81 % of 10.70
        Assert.Equal(53.8461538462m, Math.Round(item.Rsi!.Value, 10));
        Assert.Equal(ScanAction.Enter, item.Action);
        Assert.Equal("price 10.7 > vwap 10.6533, atr 0.81 % >= 0.3", item.Reason);
    }

    [Fact]
    public void BelowTheAtrMinimum_NoStrengthEntry()
    {
        var start = TenAm.AddMinutes(-8);
        var bars = Bars(start, i => i % 2 == 0 ? 10.60m : 10.70m);
        bars[^1] = bars[^1] with { Open = 10.70m, High = 10.70m, Low = 10.70m, Close = 10.70m };

        var item = Scan(GapAndGoBook.Empty, parameters: Defaults with { AtrPercentMin = 1m }, symbols: [new SymbolSnapshot("VWAP", bars, null, 10.50m)]).Items.Single();

        Assert.Equal(ScanAction.None, item.Action);
        Assert.Matches(@"^gap 1\.90 % < 5; atr 0\.\d\d % < 1$", item.Reason);
    }

    [Fact]
    public void ADownGap_IsNotAGapEntry()
    {
        // 9.40 / 9.50 alternating vs previous close 10: gap -6 %, price 9.40 below its vwap
        var start = TenAm.AddMinutes(-8);
        var down = new SymbolSnapshot("DOWN", Bars(start, i => i % 2 == 0 ? 9.40m : 9.50m), null, 10.00m);

        var item = Scan(GapAndGoBook.Empty, symbols: [down]).Items.Single();

        Assert.Equal(ScanAction.None, item.Action);
        Assert.StartsWith("gap -6.00 % < 5; price 9.4 <= vwap", item.Reason);
    }

    [Fact]
    public void TooFewBars_ForRsi_IsTheReason()
    {
        var start = TenAm.AddMinutes(-8);
        var few = new SymbolSnapshot("FEW", Bars(start, _ => 10.6m).Take(10).ToList(), null, 10m);

        Assert.Equal("rsi needs 15 bars, have 10", Scan(GapAndGoBook.Empty, symbols: [few]).Items.Single().Reason);
    }

    [Fact]
    public void InThePremarket_TheEntryIsAMarketableLimitRoundedUpToTheTick()
    {
        // 09:00 ET: limit = ceil(10.60 x 1.005 = 10.653 to 0.01) = 10.66
        var result = Scan(GapAndGoBook.Empty, at: new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));

        var entry = result.Entries.Single();
        Assert.Equal((EntryOrderKind.MarketableLimit, 10.66m), (entry.OrderKind, entry.LimitPrice));
    }

    [Fact]
    public void Bracket_IsAroundTheFill_RoundedToTheTick()
    {
        // 10.60 x 1.018 = 10.7908 -> 10.79; 10.60 x 0.991 = 10.5046 -> 10.50
        Assert.Equal(new GapAndGoBracket(10.79m, 10.50m), GapAndGoBracket.ForFill(10.60m, Defaults, 0.01m));
        // 3.335 x 1.018 = 3.39503 -> 3.40 (0.05 tick); 3.335 x 0.991 = 3.304985 -> 3.30
        Assert.Equal(new GapAndGoBracket(3.40m, 3.30m), GapAndGoBracket.ForFill(3.335m, Defaults, 0.05m));
    }

    [Theory]
    [InlineData(100_000, 25_000)]
    [InlineData(12_345.67, 3_086.41)]   // 12,345.67 x 0.25 = 3,086.4175 -> cents down
    [InlineData(0, 0)]
    public void Budget_IsCapitalPercentOfNetLiquidation(decimal netLiquidation, decimal expected) =>
        Assert.Equal(expected, GapAndGoSizing.Budget(netLiquidation, Defaults));

    [Fact]
    public void Parameters_Defaults_AreTheIssues_AndValid()
    {
        var p = new GapAndGoParameters();

        Assert.Equal((5m, 60m, 0.3m, 25m, 4, 1.8m, 0.9m, 15, 30, new TimeOnly(15, 55), true, 5),
            (p.GapPercent, p.RsiMax, p.AtrPercentMin, p.CapitalPercent, p.MaxPositions, p.TakeProfitPercent, p.StopLossPercent,
             p.ScanMinutes, p.BarSeconds, p.LiquidateAt, p.LiquidateUntracked, p.CooldownAfterStopMinutes));
        Assert.True(p.UsesScanner);
        Assert.Equal((1m, 18m, 50), (p.MinPrice, p.MaxPrice, p.MaxUniverse));
        Assert.Empty(p.Validate());
    }

    [Fact]
    public void Parameters_Validator_NamesEachBadField()
    {
        var bad = new GapAndGoParameters
        {
            Universe = ["AAPL", "not a ticker!"], GapPercent = 0, RsiMax = 101, AtrPercentMin = -1, CapitalPercent = 0, MaxPositions = 0,
            TakeProfitPercent = 0, StopLossPercent = 100, ScanMinutes = 0, BarSeconds = 7, LiquidateAt = new TimeOnly(17, 0),
            CooldownAfterStopMinutes = -1, MinPrice = 5, MaxPrice = 5, MaxUniverse = 51,
        };

        var errors = bad.Validate();

        Assert.Equal(
            new[] { "atrPercentMin", "barSeconds", "capitalPercent", "cooldownAfterStopMinutes", "gapPercent", "liquidateAt", "maxPositions",
                    "maxPrice", "maxUniverse", "rsiMax", "scanMinutes", "stopLossPercent", "takeProfitPercent", "universe" }
                .Select(f => "parameters." + f),
            errors.Keys.Order());
        Assert.Contains("not a ticker!", errors["parameters.universe"][0]);
    }
}
