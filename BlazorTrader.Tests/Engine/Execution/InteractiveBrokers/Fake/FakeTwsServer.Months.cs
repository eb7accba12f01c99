using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>
/// Futures positions per contract month, as TWS holds them: with <see cref="FuturesByMonth"/> POSITION_DATA reports one line
/// per root and month (conId, last trade date and local symbol of that month from <see cref="Futures"/>), so a position kept
/// in December after the roll is reported as December beside March.
/// </summary>
internal sealed partial class FakeTwsServer
{
    public bool FuturesByMonth { get; set; }

    internal IEnumerable<string[]> MonthPositionFields()
    {
        KeyValuePair<(string Root, string Month), (decimal Position, decimal AverageCost)>[] held;
        lock (Book.Gate) held = [.. Book.MonthPositions];
        foreach (var ((root, month), p) in held)
        {
            var future = Futures.FirstOrDefault(f => f.Root == root && f.Month == month);
            var local = $"{root}{"FGHJKMNQUVXZ"[int.Parse(month[4..]) - 1]}{month[3]}";
            yield return ["61", "3", Account, S(future?.ConId ?? 0), root, "FUT", future?.LastTradeDate.ToString("yyyyMMdd") ?? month, "0", "", "2", "CME", "USD",
                local, root, S(p.Position), S(p.AverageCost * 2)];
        }
    }
}
