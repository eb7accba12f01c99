using System.Globalization;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>One listed SPXW option of the fake: its conId, quote and IB model greeks (what TICK_OPTION_COMPUTATION sends).</summary>
internal sealed record FakeOption(int ConId, string Right, DateOnly Expiry, decimal Strike, decimal Bid, decimal Ask, double Delta, double ImpliedVolatility)
{
    public decimal Mid => (Bid + Ask) / 2m;
    public string LastTradeDate => Expiry.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>TWS's local symbol of an SPXW option: root padded to 6, yyMMdd, right, strike x 1000 in 8 digits.</summary>
    public string LocalSymbol => string.Create(CultureInfo.InvariantCulture, $"SPXW  {Expiry:yyMMdd}{Right}{decimal.ToInt64(Strike * 1000m):D8}");
}

/// <summary>One leg of a BAG as PLACE_ORDER carried it (reference §5.3).</summary>
internal sealed record FakeComboLeg(int ConId, int Ratio, string Action, string Exchange);

/// <summary>A leg's execution of a combo fill, kept for REQ_EXECUTIONS.</summary>
internal sealed record FakeLegFill(FakeOrder Order, FakeOption Option, string ExecId, string Side, decimal Shares, decimal Price);

/// <summary>
/// The fake's index options (issue 16): the SPX index price, the listed SPXW chain, the combos placed (their legs), when a
/// combo limit fills (a BUY at or above <see cref="BuyComboFillsAt"/>, a SELL at or below <see cref="SellComboFillsAt"/>),
/// option positions by conId and the leg fills. Guarded by <see cref="FakeTwsBook.Gate"/>.
/// </summary>
internal sealed class FakeTwsOptions
{
    public const int SpxConId = 416904;

    public decimal? IndexPrice { get; set; }
    public List<FakeOption> Chain { get; } = [];
    public decimal? BuyComboFillsAt { get; set; }
    public decimal? SellComboFillsAt { get; set; }
    public Dictionary<int, IReadOnlyList<FakeComboLeg>> ComboLegs { get; } = [];
    public Dictionary<int, decimal> Positions { get; } = [];
    public List<FakeLegFill> LegFills { get; } = [];

    public FakeOption? ByConId(int conId) => Chain.FirstOrDefault(o => o.ConId == conId);

    /// <summary>The legs of a BAG PLACE_ORDER: the count at field 36, then 8 fields per leg.</summary>
    public static IReadOnlyList<FakeComboLeg> ParseLegs(string[] f)
    {
        var count = int.Parse(f[35], CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(0, count).Select(i => 36 + i * 8)
            .Select(at => new FakeComboLeg(int.Parse(f[at], CultureInfo.InvariantCulture), int.Parse(f[at + 1], CultureInfo.InvariantCulture), f[at + 2], f[at + 3]))];
    }

    /// <summary>CONTRACT_DATA (no version field at 178) of one option, the field order of reference §6.</summary>
    public static string[] ContractData(string requestId, FakeOption o) =>
    [
        "10", requestId, "SPX", "OPT", o.LastTradeDate, FakeTwsBook.S(o.Strike), o.Right, "SMART", "USD", o.LocalSymbol, "SPXW", "SPXW",
        FakeTwsBook.S(o.ConId), "0.05", "100", "LMT,MKT", "SMART,CBOE", "1", FakeTwsBook.S(SpxConId), "S&P 500 Stock Index", "", o.LastTradeDate[..6],
        "", "", "", "US/Central", "", "", "", "", "0", "2", "SPX", "IND", "110", o.LastTradeDate, "", "1", "1", "1",
    ];

    public static string[] IndexContractData(string requestId) =>
    [
        "10", requestId, "SPX", "IND", "", "0", "", "CBOE", "USD", "SPX", "SPX", "SPX", FakeTwsBook.S(SpxConId), "0.01", "", "", "CBOE", "1", "0",
        "S&P 500 Stock Index", "", "", "", "", "", "US/Central", "", "", "", "", "0", "1", "", "", "", "", "", "1", "1", "1",
    ];

    /// <summary>EXECUTION_DATA of one leg, under the leg's own contract (that is how TWS reports a combo's legs).</summary>
    public static string[] LegExecution(FakeLegFill f, int requestId) =>
    [
        "11", FakeTwsBook.S(requestId), FakeTwsBook.S(f.Order.OrderId), FakeTwsBook.S(f.Option.ConId), "SPX", "OPT", f.Option.LastTradeDate,
        FakeTwsBook.S(f.Option.Strike), f.Option.Right, "100", "CBOE", "USD", f.Option.LocalSymbol, "SPXW", f.ExecId, "20261120  09:45:30",
        FakeTwsServer.Account, "CBOE", f.Side, FakeTwsBook.S(f.Shares), FakeTwsBook.S(f.Price), FakeTwsBook.S(f.Order.PermId),
        FakeTwsBook.S(f.Order.ClientId), "0", FakeTwsBook.S(f.Shares), FakeTwsBook.S(f.Price), f.Order.OrderRef, "", "", "", "0", "0",
    ];

    public static string[] Position(FakeOption o, decimal position) =>
    [
        "61", "3", FakeTwsServer.Account, FakeTwsBook.S(o.ConId), "SPX", "OPT", o.LastTradeDate, FakeTwsBook.S(o.Strike), o.Right, "100", "SMART", "USD",
        o.LocalSymbol, "SPXW", FakeTwsBook.S(position), FakeTwsBook.S(o.Mid * 100m),
    ];
}
