namespace BlazorTrader.Reports;

/// <summary>What one closed trade contributes to the statistics.</summary>
public readonly record struct ClosedTradeResult(DateTime ClosedAt, decimal RealizedPnl, decimal Mfe, decimal Mae);

/// <summary>
/// Performance of a set of closed trades. Pure: the same trades give the same numbers.
/// A trade with zero P&amp;L is a scratch: neither a win nor a loss, but it counts in the win rate's denominator.
/// </summary>
public sealed record TradeStatistics(
    int Trades, int Wins, int Losses, decimal NetPnl, decimal GrossProfit, decimal GrossLoss,
    decimal? WinRate, decimal? ProfitFactor, decimal? AverageWin, decimal? AverageLoss,
    decimal? LargestWin, decimal? LargestLoss, decimal MaxDrawdown, decimal? AverageMfe, decimal? AverageMae)
{
    public static readonly TradeStatistics Empty = Compute([]);

    public static TradeStatistics Compute(IEnumerable<ClosedTradeResult> closedTrades)
    {
        var trades = closedTrades.OrderBy(t => t.ClosedAt).ToList();
        var wins = trades.Where(t => t.RealizedPnl > 0).Select(t => t.RealizedPnl).ToList();
        var losses = trades.Where(t => t.RealizedPnl < 0).Select(t => t.RealizedPnl).ToList();
        var grossProfit = wins.Sum();
        var grossLoss = losses.Sum();   // negative or zero

        // Max drawdown: the deepest fall of cumulative realized P&L from its running peak (the peak starts at 0).
        decimal cumulative = 0, peak = 0, maxDrawdown = 0;
        foreach (var t in trades)
        {
            cumulative += t.RealizedPnl;
            peak = Math.Max(peak, cumulative);
            maxDrawdown = Math.Max(maxDrawdown, peak - cumulative);
        }

        return new TradeStatistics(
            Trades: trades.Count,
            Wins: wins.Count,
            Losses: losses.Count,
            NetPnl: grossProfit + grossLoss,
            GrossProfit: grossProfit,
            GrossLoss: grossLoss,
            WinRate: trades.Count == 0 ? null : Math.Round((decimal)wins.Count / trades.Count * 100, 2),
            ProfitFactor: grossLoss == 0 ? null : Math.Round(grossProfit / -grossLoss, 2),
            AverageWin: wins.Count == 0 ? null : wins.Average(),
            AverageLoss: losses.Count == 0 ? null : losses.Average(),
            LargestWin: wins.Count == 0 ? null : wins.Max(),
            LargestLoss: losses.Count == 0 ? null : losses.Min(),
            MaxDrawdown: maxDrawdown,
            AverageMfe: trades.Count == 0 ? null : trades.Average(t => t.Mfe),
            AverageMae: trades.Count == 0 ? null : trades.Average(t => t.Mae));
    }
}
