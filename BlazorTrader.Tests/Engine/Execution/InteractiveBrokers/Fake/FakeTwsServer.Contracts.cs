using System.Globalization;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>One listed future the fake knows: its month (yyyyMM), last trade date, conId, and the first day IB's CONTFUT
/// names the next contract instead (IB's own roll).</summary>
internal sealed record FakeFuture(string Root, string Month, DateOnly LastTradeDate, int ConId, DateOnly FrontUntil);

/// <summary>
/// Continuous futures at IB (issue 15): REQ_CONTRACT_DATA with secType CONTFUT answers the front contract of the root
/// (its conId, month and last trade date) as of <see cref="Clock"/>; secType FUT with no month answers every contract not
/// yet expired, in no particular order (the latest first, so a client must sort by expiry). A root without listed
/// <see cref="Futures"/> gets error 200, as TWS answers a query it has no definition for.
/// </summary>
internal sealed partial class FakeTwsServer
{
    /// <summary>The futures chain; empty leaves CONTFUT and month-less FUT queries unanswered (error 200).</summary>
    public List<FakeFuture> Futures { get; } = [];

    /// <summary>What "today" is for the CONTFUT front month and the expired contracts (the test's fake clock).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Lists MNQ's quarterly contracts from December 2026 to September 2027, each the front until its roll Thursday.</summary>
    public FakeTwsServer WithMnqQuarterlies()
    {
        Futures.Add(new FakeFuture("MNQ", "202612", new DateOnly(2026, 12, 18), 770001, new DateOnly(2026, 12, 10)));
        Futures.Add(new FakeFuture("MNQ", "202703", new DateOnly(2027, 3, 19), 770002, new DateOnly(2027, 3, 11)));
        Futures.Add(new FakeFuture("MNQ", "202706", new DateOnly(2027, 6, 18), 770003, new DateOnly(2027, 6, 10)));
        Futures.Add(new FakeFuture("MNQ", "202709", new DateOnly(2027, 9, 17), 770004, new DateOnly(2027, 9, 9)));
        return this;
    }

    internal DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}

internal sealed partial class FakeTwsSession
{
    /// <summary>REQ_CONTRACT_DATA (9): fields 4 symbol, 5 secType, 6 lastTradeDateOrContractMonth.</summary>
    private static bool IsFuturesChainQuery(string[] f) => f[5] == "CONTFUT" || f[5] == "FUT" && f[6].Length == 0;

    private async Task FuturesChainAsync(string[] f)
    {
        var (requestId, root, today) = (f[2], f[4], server.Today);
        var listed = server.Futures.Where(x => x.Root == root && x.LastTradeDate >= today).OrderBy(x => x.LastTradeDate).ToList();
        var answer = f[5] == "CONTFUT" ? listed.Where(x => x.FrontUntil > today).Take(1).ToList() : Enumerable.Reverse(listed).ToList();
        if (answer.Count == 0)
        {
            await SendAsync("4", "2", requestId, "200", "No security definition has been found for the request", "");
            return;
        }
        foreach (var x in answer)
        {
            var lastTrade = x.LastTradeDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            var local = $"{root}{"FGHJKMNQUVXZ"[int.Parse(x.Month[4..], CultureInfo.InvariantCulture) - 1]}{x.Month[3]}";
            await SendAsync(
                "10", requestId, root, f[5], lastTrade + "-09:30:00", "0", "", "CME", "USD", local, root, root,
                FakeTwsBook.S(x.ConId), "0.25", "2", "ACTIVETIM,LMT,MKT,STP", "CME,QBALGO", "1", "0", "Micro E-mini Nasdaq-100", "",
                x.Month, "", "", "", "US/Central", "", "", "", "", "0", "1", root, "IND", "26", lastTrade, "", "1", "1", "1");
        }
        await SendAsync("52", "1", requestId);
    }
}
