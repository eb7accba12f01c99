using BlazorTrader.Engine.Execution.InteractiveBrokers;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>Field numbers in these tests are the 1-based numbers of reference §5.1; arrays are 0-based, hence "- 1".</summary>
public class TwsPlaceOrderEncoderTests
{
    private static readonly TwsContract Mnq = TwsContract.Future("MNQ", "202603", "CME");

    [Fact]
    public void MarketOrder_Has114Fields_WithContractActionQuantityAndEmptyPrices()
    {
        var f = Encode(1001, Mnq, TwsOrder.Market(TwsAction.Buy, 2, "intent-42"));

        Assert.Equal(114, f.Length);
        Assert.Equal(["3", "1001", "0", "MNQ", "FUT", "202603", "0", "", "", "CME", "", "USD", "", "", "", ""], f[..16]);
        Assert.Equal(["BUY", "2", "MKT", "", ""], f[16..21]);
        Assert.Equal("DAY", Field(f, 22));
        Assert.Equal("intent-42", Field(f, 27));
        Assert.Equal("1", Field(f, 28));     // transmit
        Assert.Equal("0", Field(f, 29));     // parentId
        Assert.Equal("0", Field(f, 34));     // outsideRth
    }

    [Fact]
    public void LimitOrder_PutsThePriceInField20_CultureInvariant()
    {
        var f = Encode(1002, Mnq, TwsOrder.Limit(TwsAction.Buy, 1, 18250.25m, "r") with { TimeInForce = "GTC", OutsideRegularTradingHours = true });

        Assert.Equal(114, f.Length);
        Assert.Equal(["BUY", "1", "LMT", "18250.25", ""], f[16..21]);
        Assert.Equal("GTC", Field(f, 22));
        Assert.Equal("1", Field(f, 34));
    }

    [Fact]
    public void StopOrder_PutsTheStopPriceInField21()
    {
        var f = Encode(1003, Mnq, TwsOrder.Stop(TwsAction.Sell, 1, 18100m, "r"));

        Assert.Equal(114, f.Length);
        Assert.Equal(["SELL", "1", "STP", "", "18100"], f[16..21]);
    }

    [Fact]
    public void DefaultsOfTheUnusedFields_MatchTheReference()
    {
        var f = Encode(1, Mnq, TwsOrder.Market(TwsAction.Buy, 1, "r"));

        Assert.Equal("0", Field(f, 26));      // origin customer
        Assert.Equal("-1", Field(f, 46));     // exemptCode
        Assert.Equal("0", Field(f, 47));      // ocaType
        Assert.Equal(["0", "0", ""], f[52..55]); // deprecated 53-55
        Assert.Equal("0", Field(f, 90));      // conditionsCount
        Assert.Equal("0", Field(f, 112));     // autoCancelParent
        Assert.Equal(["", ""], f[112..114]);  // advancedErrorOverride, manualOrderTime
    }

    [Fact]
    public void Bracket_IsParentThenTakeProfitThenStop_LinkedByParentIdAndOcaGroup_OnlyLastTransmits()
    {
        var bracket = new TwsBracketOrder(TwsOrder.Limit(TwsAction.Buy, 1, 18250m, "intent-7"), TakeProfitPrice: 18300m, StopLossPrice: 18200m);

        var orders = bracket.ToOrders(2000).Select(o => Encode(o.OrderId, Mnq, o.Order)).ToList();

        Assert.All(orders, f => Assert.Equal(114, f.Length));
        var (parent, takeProfit, stop) = (orders[0], orders[1], orders[2]);
        Assert.Equal(["2000", "2001", "2002"], orders.Select(f => f[1]));
        Assert.Equal(["BUY", "1", "LMT", "18250", ""], parent[16..21]);
        Assert.Equal(["SELL", "1", "LMT", "18300", ""], takeProfit[16..21]);
        Assert.Equal(["SELL", "1", "STP", "", "18200"], stop[16..21]);
        Assert.Equal(["0", "0", "1"], orders.Select(f => Field(f, 28)));            // transmit
        Assert.Equal(["0", "2000", "2000"], orders.Select(f => Field(f, 29)));      // parentId
        Assert.Equal(["", "bracket-2000", "bracket-2000"], orders.Select(f => Field(f, 23)));
        Assert.Equal(["0", "3", "3"], orders.Select(f => Field(f, 47)));             // ocaType
        Assert.Equal(["intent-7", "intent-7:tp", "intent-7:sl"], orders.Select(f => Field(f, 27)));
    }

    [Fact]
    public void ComboOrder_InsertsLegsAfterField35_ByConId()
    {
        var legs = new[]
        {
            new TwsComboLeg(701, 1, TwsAction.Sell, "SMART"),
            new TwsComboLeg(702, 1, TwsAction.Buy, "SMART"),
            new TwsComboLeg(703, 1, TwsAction.Sell, "CBOE"),
            new TwsComboLeg(704, 1, TwsAction.Buy, "SMART"),
        };
        var contract = TwsContract.Combo("SPX", legs);

        var f = Encode(3000, contract, TwsOrder.Limit(TwsAction.Buy, 1, 12.5m, "calendar-1"));

        Assert.Equal(114 + 1 + 4 * 8 + 1 + 1, f.Length);
        Assert.Equal(["0", "SPX", "BAG"], f[2..5]);
        Assert.Equal("4", Field(f, 36));
        Assert.Equal(["701", "1", "SELL", "SMART", "0", "0", "", "-1"], f[36..44]);
        Assert.Equal(["703", "1", "SELL", "CBOE", "0", "0", "", "-1"], f[52..60]);
        Assert.Equal(["0", "0"], f[68..70]);  // no per-leg prices, no smart routing params
        Assert.Equal("", f[70]);              // then field 36 (sharesAllocation) resumes
        Assert.Equal("12.5", Field(f, 20));
    }

    [Fact]
    public void ComboOrder_WithLegPricesAndRoutingParams_CountsThemInline()
    {
        var contract = TwsContract.Combo("MNQ", [new(1, 1, TwsAction.Buy, "CME"), new(2, 1, TwsAction.Sell, "CME")]);
        var order = TwsOrder.Limit(TwsAction.Buy, 1, 5m, "r") with
        {
            ComboLegPrices = [1.25m, null],
            SmartComboRoutingParams = [new("NonGuaranteed", "1")],
        };

        var f = Encode(1, contract, order);

        Assert.Equal(114 + 1 + 16 + 1 + 2 + 1 + 2, f.Length);
        Assert.Equal(["2", "1.25", "", "1", "NonGuaranteed", "1"], f[52..58]);
    }

    [Fact]
    public void ComboWithoutLegs_IsRefusedBeforeTwsRejectsIt() =>
        Assert.Throws<ArgumentException>(() => TwsPlaceOrderEncoder.Encode(1, new TwsContract { Symbol = "SPX", SecType = "BAG" },
            TwsOrder.Market(TwsAction.Buy, 1, "r")));

    private static string[] Encode(int orderId, TwsContract contract, TwsOrder order) =>
        TwsFrameCodec.DecodeFields(TwsPlaceOrderEncoder.Encode(orderId, contract, order));

    private static string Field(string[] fields, int number) => fields[number - 1];
}
