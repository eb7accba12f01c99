using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Tests.Engine.Risk;

public class ExitRulesTests
{
    private static readonly PriceGrid Mnq = new(0.25m, 0.5m);   // MNQ: 0.25 tick, $0.50 a tick
    private static readonly PriceGrid Es = new(0.25m, 12.5m);
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 45, 0, TimeSpan.Zero);

    /// <summary>MNQ long 4 @ 21500: TP1 21505 (50%), TP2 21510 (50%), SL 21495.</summary>
    private static LiveTrade LongMnq(decimal quantity = 4, decimal? stop = 21495m, bool breakEven = false, decimal? trailTrigger = null, decimal trailDistance = 0) => new()
    {
        TradeId = 1, Side = Side.Long, Entry = 21500m, Quantity = quantity, OpenQuantity = quantity,
        Targets = [new LiveTarget(21505m, Math.Round(quantity / 2, MidpointRounding.AwayFromZero), false), new LiveTarget(21510m, quantity, false)],
        Stop = stop, BreakEvenAfterFirstTarget = breakEven, TrailTrigger = trailTrigger, TrailDistance = trailDistance, BestPrice = 21500m,
    };

    private static List<ExitFill> Run(LiveTrade trade, params decimal[] prices)
    {
        var fills = new List<ExitFill>();
        foreach (var p in prices) ExitRules.Evaluate(trade, 7, Tick.At1("MNQ1!", p, T0), Mnq, fills);
        return fills;
    }

    [Fact]
    public void TargetsFireInOrder_WithTheirTrims_AtTheLevel()
    {
        var trade = LongMnq();

        var fills = Run(trade, 21502m, 21505m, 21507m, 21510m);

        Assert.Equal([(ExitKind.TakeProfit, 0, 2m, 21505m), (ExitKind.TakeProfit, 1, 2m, 21510m)],
            fills.Select(f => (f.Kind, f.TargetIndex, f.Quantity, f.Price)));
        Assert.All(fills, f => Assert.False(f.Gapped));
        Assert.Equal(0, trade.OpenQuantity);
    }

    [Fact]
    public void SamePriceRepeated_ClosesEachLevelOnce()
    {
        var trade = LongMnq();

        var fills = Run(trade, 21505m, 21505m, 21505m, 21504m, 21505m);

        Assert.Single(fills);
        Assert.Equal(2m, trade.OpenQuantity);
    }

    [Fact]
    public void StopLoss_ClosesEverythingOpen_AtTheLevel()
    {
        var trade = LongMnq();

        var fills = Run(trade, 21498m, 21495m, 21490m);

        var fill = Assert.Single(fills);
        Assert.Equal((ExitKind.StopLoss, 4m, 21495m, false), (fill.Kind, fill.Quantity, fill.Price, fill.Gapped));
    }

    [Fact]
    public void GapThroughTheStop_FillsAtTheTickPrice_AndSaysSo()
    {
        var trade = LongMnq();

        var fill = Assert.Single(Run(trade, 21499m, 21480m));

        Assert.True(fill.Gapped);
        Assert.Equal(21480m, fill.Price);
        Assert.Contains("gapped through", fill.Reason());
    }

    [Fact]
    public void GapThroughBothTargets_FillsBothAtTheTickPrice()
    {
        var trade = LongMnq();

        var fills = Run(trade, 21512m);

        Assert.Equal([21512m, 21512m], fills.Select(f => f.Price));
        Assert.All(fills, f => Assert.True(f.Gapped));
    }

    [Fact]
    public void TargetCrossedBetweenTwoTicks_FillsAtTheLevel_NotAtTheTick()
    {
        // The case: MNQ target 21502.50, ticks 21501.00 then 21502.75 -> a resting limit gives 21502.50.
        var trade = LongMnq(quantity: 1);
        trade.Targets[0] = new LiveTarget(21502.5m, 1, false);

        var fill = Assert.Single(Run(trade, 21501m, 21502.75m));

        Assert.Equal((ExitKind.TakeProfit, 21502.5m, ExitPricing.AtLevel), (fill.Kind, fill.Price, fill.Pricing));
        Assert.Equal("take profit 1 21502.5", fill.Reason());
    }

    [Fact]
    public void TheTradesFirstPrice_BeyondATarget_FillsAtThatBetterPrice()
    {
        var trade = LongMnq();

        var fill = Run(trade, 21507m)[0];

        Assert.Equal((0, 21507m, ExitPricing.OpenedBeyond), (fill.TargetIndex, fill.Price, fill.Pricing));
        Assert.Equal("take profit 1 (opened beyond 21505, filled at 21507)", fill.Reason());
    }

    [Fact]
    public void ASessionsFirstTick_BeyondATarget_FillsAtThatBetterPrice()
    {
        // Tuesday 2026-11-17 (EST, UTC-5): 16:59 ET is the end of Tuesday's session, 18:00 ET opens Wednesday's.
        var trade = LongMnq();
        var fills = new List<ExitFill>();
        ExitRules.Evaluate(trade, 7, Tick.At1("MNQ1!", 21504m, new DateTimeOffset(2026, 11, 17, 21, 59, 0, TimeSpan.Zero)), Mnq, fills);

        ExitRules.Evaluate(trade, 7, Tick.At1("MNQ1!", 21507.25m, new DateTimeOffset(2026, 11, 17, 23, 0, 0, TimeSpan.Zero)), Mnq, fills);

        var fill = Assert.Single(fills);
        Assert.Equal((21505m, 21507.25m, ExitPricing.OpenedBeyond), (fill.Level, fill.Price, fill.Pricing));
    }

    [Fact]
    public void AJumpWithinTheSession_AfterAnHourWithoutTicks_StillFillsAtTheLevel()
    {
        // 10:00 and 11:00 ET on the same trade date: no session opened in between.
        var trade = LongMnq();
        var fills = new List<ExitFill>();
        ExitRules.Evaluate(trade, 7, Tick.At1("MNQ1!", 21504m, new DateTimeOffset(2026, 11, 17, 15, 0, 0, TimeSpan.Zero)), Mnq, fills);

        ExitRules.Evaluate(trade, 7, Tick.At1("MNQ1!", 21507.25m, new DateTimeOffset(2026, 11, 17, 16, 0, 0, TimeSpan.Zero)), Mnq, fills);

        Assert.Equal(21505m, Assert.Single(fills).Price);
    }

    [Fact]
    public void ARestoredTrade_WhosePreviousPriceTimeIsUnknown_FillsAJumpedTargetAtTheLevel()
    {
        // After a restart the feed's first price may be far away (a simulated feed at its start prices): no windfall.
        var trade = LongMnq();
        trade.PriceSeen = true;

        var fills = Run(trade, 21512m);

        Assert.Equal([21505m, 21510m], fills.Select(f => f.Price));
        Assert.All(fills, f => Assert.Equal(ExitPricing.AtLevel, f.Pricing));
    }

    [Fact]
    public void StopJumpedPast_FillsAtTheWorseTickPrice_AndTheReasonSaysGapped()
    {
        var trade = LongMnq();

        var fill = Assert.Single(Run(trade, 21496m, 21493.5m));

        Assert.Equal((ExitKind.StopLoss, 21495m, 21493.5m, ExitPricing.Gapped), (fill.Kind, fill.Level, fill.Price, fill.Pricing));
        Assert.Equal("stop loss (gapped through 21495, filled at 21493.5)", fill.Reason());
    }

    [Fact]
    public void ConflatedRangeTouchingStopAndTarget_AssumesTheStopFirst()
    {
        var trade = LongMnq();
        var fills = new List<ExitFill>();

        ExitRules.Evaluate(trade, 7, new Tick("MNQ1!", 21500m, 21506m, 21494m, T0), Mnq, fills);

        var fill = Assert.Single(fills);
        Assert.Equal(ExitKind.StopLoss, fill.Kind);
        Assert.Equal(21495m, fill.Price);
    }

    [Fact]
    public void BreakEvenAfterTp1_MovesTheStopToEntry_ThenClosesTheRestThere()
    {
        var trade = LongMnq(breakEven: true);

        var fills = Run(trade, 21505m, 21503m, 21500m);

        Assert.Equal([(ExitKind.TakeProfit, 21505m), (ExitKind.BreakEvenStop, 21500m)], fills.Select(f => (f.Kind, f.Price)));
        Assert.Equal(0, trade.OpenQuantity);
    }

    [Fact]
    public void TrailingStop_FollowsTheBestPrice_NeverBackwards_AndFires()
    {
        // Trails 3 points behind once 4 points in profit.
        var trade = LongMnq(stop: 21495m, trailTrigger: 4m, trailDistance: 3m);
        trade.Targets[0].Filled = true;   // targets out of the way: test the trail alone
        trade.Targets[1].Filled = true;

        var beforeTrigger = Run(trade, 21503m);
        Assert.Equal(21495m, trade.Stop);
        Run(trade, 21504m);
        Assert.Equal(21501m, trade.Stop);
        Run(trade, 21508m, 21506m);
        Assert.Equal(21505m, trade.Stop);
        var fills = Run(trade, 21505m);

        Assert.Empty(beforeTrigger);
        var fill = Assert.Single(fills);
        Assert.Equal((ExitKind.TrailingStop, 21505m, 4m), (fill.Kind, fill.Price, fill.Quantity));
    }

    [Fact]
    public void ShortTrade_MirrorsTargetsAndStop()
    {
        var trade = new LiveTrade
        {
            TradeId = 2, Side = Side.Short, Entry = 5000m, Quantity = 1, OpenQuantity = 1,
            Targets = [new LiveTarget(4990m, 1, false)], Stop = 5005m, BestPrice = 5000m,
        };
        var fills = new List<ExitFill>();

        ExitRules.Evaluate(trade, 3, Tick.At1("ES1!", 5004m, T0), Es, fills);
        ExitRules.Evaluate(trade, 3, Tick.At1("ES1!", 4989.75m, T0), Es, fills);

        var fill = Assert.Single(fills);
        Assert.Equal((ExitKind.TakeProfit, 4990m, ExitPricing.AtLevel), (fill.Kind, fill.Price, fill.Pricing));   // crossed between ticks: the limit's price
        Assert.Equal(-200m, trade.Mae);      // 4 points against x $50
        Assert.Equal(512.5m, trade.Mfe);     // 10.25 points for x $50
    }

    [Fact]
    public void MfeAndMae_TrackTheExtremesOfTheRange_InDollars()
    {
        var trade = LongMnq(stop: null);
        var fills = new List<ExitFill>();

        ExitRules.Evaluate(trade, 7, new Tick("MNQ1!", 21501m, 21503.5m, 21497.25m, T0), Mnq, fills);

        Assert.Equal(28m, trade.Mfe);    // 3.5 points x $2 x 4
        Assert.Equal(-22m, trade.Mae);   // -2.75 points x $2 x 4
    }

    [Fact]
    public void ExitReason_NamesDelayedData()
    {
        var trade = LongMnq();
        var fills = new List<ExitFill>();

        ExitRules.Evaluate(trade, 7, Tick.At1("MNQ1!", 21505m, T0, DataMode.Delayed, 600), Mnq, fills);

        Assert.Contains("delayed data (600 s late)", fills[0].Reason());
    }
}
