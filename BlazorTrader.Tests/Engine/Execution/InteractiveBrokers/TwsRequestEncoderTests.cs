using BlazorTrader.Engine.Execution.InteractiveBrokers;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public class TwsRequestEncoderTests
{
    private static readonly TwsContract Mnq = TwsContract.Future("MNQ", "202603", "CME");

    public static TheoryData<string, byte[], string[]> Requests => new()
    {
        { "START_API", TwsRequestEncoder.StartApi(7), ["71", "2", "7", ""] },
        { "CANCEL_ORDER", TwsRequestEncoder.CancelOrder(1001), ["4", "1", "1001", ""] },
        { "REQ_IDS", TwsRequestEncoder.RequestIds(), ["8", "1", "1"] },
        { "REQ_OPEN_ORDERS", TwsRequestEncoder.RequestOpenOrders(), ["5", "1"] },
        { "REQ_ALL_OPEN_ORDERS", TwsRequestEncoder.RequestAllOpenOrders(), ["16", "1"] },
        { "REQ_POSITIONS", TwsRequestEncoder.RequestPositions(), ["61", "1"] },
        { "CANCEL_POSITIONS", TwsRequestEncoder.CancelPositions(), ["64", "1"] },
        { "REQ_CURRENT_TIME", TwsRequestEncoder.RequestCurrentTime(), ["49", "1"] },
        { "REQ_MARKET_DATA_TYPE", TwsRequestEncoder.RequestMarketDataType(TwsMarketDataType.Delayed), ["59", "1", "3"] },
        { "REQ_EXECUTIONS empty filter", TwsRequestEncoder.RequestExecutions(5, TwsExecutionFilter.All), ["7", "3", "5", "0", "", "", "", "", "", ""] },
        {
            "REQ_EXECUTIONS with filter", TwsRequestEncoder.RequestExecutions(6, new TwsExecutionFilter(ClientId: 7, Account: "DU1", Symbol: "MNQ", Side: "BUY")),
            ["7", "3", "6", "7", "DU1", "", "MNQ", "", "", "BUY"]
        },
        {
            "REQ_MKT_DATA", TwsRequestEncoder.RequestMarketData(9, Mnq),
            ["1", "11", "9", "0", "MNQ", "FUT", "202603", "0", "", "", "CME", "", "USD", "", "", "0", "", "0", "0", ""]
        },
        {
            "REQ_CONTRACT_DATA", TwsRequestEncoder.RequestContractData(4, Mnq),
            ["9", "8", "4", "0", "MNQ", "FUT", "202603", "0", "", "", "CME", "", "USD", "", "", "0", "", "", ""]
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_HasTheFieldsOfVersion178(string name, byte[] payload, string[] expected)
    {
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(expected, TwsFrameCodec.DecodeFields(payload));
    }

    [Fact]
    public void MarketDataForACombo_CarriesItsLegsBeforeTheDeltaNeutralFlag()
    {
        var combo = TwsContract.Combo("SPX", [new(701, 1, TwsAction.Sell, "SMART"), new(702, 2, TwsAction.Buy, "CBOE")]);

        var f = TwsFrameCodec.DecodeFields(TwsRequestEncoder.RequestMarketData(3, combo, "233", snapshot: true));

        Assert.Equal(["2", "701", "1", "SELL", "SMART", "702", "2", "BUY", "CBOE", "0", "233", "1", "0", ""], f[15..]);
    }
}
