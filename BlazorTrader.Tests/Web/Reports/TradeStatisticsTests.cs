using BlazorTrader.Reports;

namespace BlazorTrader.Tests.Web.Reports;

public class TradeStatisticsTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 15, 0, 0, DateTimeKind.Utc);

    private static ClosedTradeResult Trade(int minute, decimal pnl, decimal mfe = 0, decimal mae = 0) => new(T0.AddMinutes(minute), pnl, mfe, mae);

    [Fact]
    public void Compute_GivesNetWinRateProfitFactorAndAverages()
    {
        // Arrange: +100, -50, +300, -150, 0 (a scratch)
        ClosedTradeResult[] trades = [Trade(1, 100, 120, -10), Trade(2, -50, 20, -60), Trade(3, 300, 310, -5), Trade(4, -150, 0, -150), Trade(5, 0, 5, -5)];

        // Act
        var s = TradeStatistics.Compute(trades);

        // Assert
        Assert.Equal(5, s.Trades);
        Assert.Equal(2, s.Wins);
        Assert.Equal(2, s.Losses);
        Assert.Equal(200m, s.NetPnl);
        Assert.Equal(40m, s.WinRate);                 // 2 of 5, the scratch counts in the denominator
        Assert.Equal(2m, s.ProfitFactor);             // 400 / 200
        Assert.Equal(200m, s.AverageWin);
        Assert.Equal(-100m, s.AverageLoss);
        Assert.Equal(300m, s.LargestWin);
        Assert.Equal(-150m, s.LargestLoss);
        Assert.Equal(91m, s.AverageMfe);              // (120+20+310+0+5)/5
        Assert.Equal(-46m, s.AverageMae);             // (-10-60-5-150-5)/5
    }

    [Fact]
    public void MaxDrawdown_IsTheDeepestFallFromARunningPeak_InCloseOrder()
    {
        // Arrange: given out of order; by close time the equity is 100, 300, 150, 50, 250, 0 -> peak 300, trough 0
        ClosedTradeResult[] trades = [Trade(6, -250), Trade(1, 100), Trade(3, -150), Trade(2, 200), Trade(4, -100), Trade(5, 200)];

        // Act
        var s = TradeStatistics.Compute(trades);

        // Assert
        Assert.Equal(300m, s.MaxDrawdown);
    }

    [Fact]
    public void MaxDrawdown_CountsLossesBeforeAnyProfit_FromZero()
    {
        var s = TradeStatistics.Compute([Trade(1, -40), Trade(2, -60), Trade(3, 500)]);

        Assert.Equal(100m, s.MaxDrawdown);
    }

    [Fact]
    public void NoTrades_GiveEmptyRatios_NotZeroesThatLookLikeResults()
    {
        var s = TradeStatistics.Compute([]);

        Assert.Equal(0, s.Trades);
        Assert.Null(s.WinRate);
        Assert.Null(s.ProfitFactor);
        Assert.Null(s.AverageWin);
        Assert.Null(s.LargestLoss);
        Assert.Equal(0m, s.MaxDrawdown);
    }

    [Fact]
    public void OnlyWinners_HaveNoProfitFactor_BecauseThereIsNoLossToDivideBy()
    {
        var s = TradeStatistics.Compute([Trade(1, 10), Trade(2, 20)]);

        Assert.Null(s.ProfitFactor);
        Assert.Equal(100m, s.WinRate);
        Assert.Null(s.AverageLoss);
    }
}
