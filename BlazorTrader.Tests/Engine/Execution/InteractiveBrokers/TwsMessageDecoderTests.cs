using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>Examples use the reference's notation: | stands for NUL.</summary>
public class TwsMessageDecoderTests
{
    [Fact]
    public void NextValidId_SkipsTheVersion() =>
        Assert.Equal(new NextValidIdMessage(1000), Decode("9|1|1000|"));

    [Fact]
    public void ManagedAccounts_SplitsTheCommaList() =>
        Assert.Equal(["U1", "U2"], Assert.IsType<ManagedAccountsMessage>(Decode("15|1|U1,U2|")).Accounts);

    [Fact]
    public void CurrentTime_IsUnixSeconds() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767261600), Assert.IsType<CurrentTimeMessage>(Decode("49|1|1767261600|")).Time);

    [Theory]
    [InlineData("4|2|-1|2104|Market data farm connection is OK:usfarm||", -1, 2104, "Info")]
    [InlineData("4|2|-1|1100|Connectivity between IB and TWS has been lost.||", -1, 1100, "Connectivity")]
    [InlineData("4|2|-1|1101|Connectivity restored - data lost.||", -1, 1101, "Connectivity")]
    [InlineData("4|2|-1|1102|Connectivity restored - data maintained.||", -1, 1102, "Connectivity")]
    [InlineData("4|2|-1|326|Unable to connect as the client id is already in use.||", -1, 326, "Connectivity")]
    [InlineData("4|2|1001|202|Order Canceled - reason:||", 1001, 202, "Error")]
    [InlineData("4|2|1001|399|Order Message: warning||", 1001, 399, "Warning")]
    [InlineData("4|2|-1|2110|Connectivity between TWS and server is broken.||", -1, 2110, "Warning")]
    [InlineData("4|2|1002|103|Duplicate order id||", 1002, 103, "Error")]
    public void Error_CarriesIdCodeAndKind(string wire, int id, int code, string kind)
    {
        var error = Assert.IsType<TwsErrorMessage>(Decode(wire));

        Assert.Equal((id, code, kind), (error.Id, error.Code, error.Kind.ToString()));
        Assert.NotEmpty(error.Text);
    }

    [Fact]
    public void OrderStatus_ReadsEveryFieldWithoutAVersion()
    {
        var status = Assert.IsType<OrderStatusMessage>(Decode("3|1001|Filled|100|0|150.25|123456|0|150.25|100||0|"));

        Assert.Equal(new OrderStatusMessage(1001, "Filled", 100, 0, 150.25m, 123456, 0, 150.25m, 100, "", 0m), status);
        Assert.True(status.IsFilled && status.IsTerminal);
    }

    [Fact]
    public void OpenOrder_ReadsThePrefixFromARealCapture_AndIgnoresTheTail()
    {
        var order = Assert.IsType<OpenOrderMessage>(Decode(
            "5|1001|265598|AAPL|STK||0|?||SMART|USD|AAPL|NMS|BUY|100|LMT|1.0|0.0|DAY||DU1236109||0|my-ref|100|1377295418|0|0|0||||||||0|tail|more|"));

        Assert.Equal(1001, order.OrderId);
        Assert.Equal("AAPL", order.Contract.Symbol);
        Assert.Equal(265598, order.Contract.ConId);
        Assert.Equal(("BUY", 100m, "LMT", 1.0m, (decimal?)null), (order.Action, order.TotalQuantity, order.OrderType, order.LimitPrice, order.AuxPrice));
        Assert.Equal(("DU1236109", "my-ref", 100, 1377295418L), (order.Account, order.OrderRef, order.ClientId, order.PermId));
    }

    [Fact]
    public void ExecutionData_ReadsTheFillAndItsOrderRef()
    {
        var fill = Assert.IsType<ExecutionDataMessage>(Decode(
            "11|-1|1001|711280073|MNQ|FUT|20260320|0|||CME|USD|MNQH6|MNQ|0000e0d5.01|20260101  09:30:01|DU1234567|CME|BOT|2|21500.25|900000001|7|0|2|21500.25|intent-42||||0|0|"));

        Assert.Equal((-1, 1001, "0000e0d5.01", "BOT", 2m, 21500.25m), (fill.RequestId, fill.OrderId, fill.ExecId, fill.Side, fill.Shares, fill.Price));
        Assert.Equal(("intent-42", 900000001L, 7, 2m), (fill.OrderRef, fill.PermId, fill.ClientId, fill.CumulativeQuantity));
        Assert.Equal("20260101  09:30:01", fill.Time);
        Assert.Equal("MNQH6", fill.Contract.LocalSymbol);
    }

    [Fact]
    public void CommissionReport_MapsUnsetPnlAndYieldToNull() =>
        Assert.Equal(new CommissionReportMessage("0000e0d5.01", 1.24m, "USD", null, null, null),
            Decode("59|1|0000e0d5.01|1.24|USD|1.7976931348623157E308|1.7976931348623157E308||"));

    [Fact]
    public void Position_ReadsAccountContractSizeAndCost()
    {
        var position = Assert.IsType<PositionMessage>(Decode("61|3|DU1234567|495512552|ES|FUT|20250919|0||50|CME|USD|ESU5|ES|-1|315114.75|"));

        Assert.Equal(("DU1234567", "ES", -1m, 315114.75m), (position.Account, position.Contract.Symbol, position.Position, position.AverageCost));
    }

    [Theory]
    [InlineData("62|1|", typeof(PositionEndMessage))]
    [InlineData("53|1|", typeof(OpenOrderEndMessage))]
    public void EndMarkers_Decode(string wire, Type expected) => Assert.IsType(expected, Decode(wire));

    [Fact]
    public void ExecutionAndContractDataEnds_CarryTheirRequestId()
    {
        Assert.Equal(new ExecutionDataEndMessage(12), Decode("55|1|12|"));
        Assert.Equal(new ContractDataEndMessage(4), Decode("52|1|4|"));
    }

    [Fact]
    public void Ticks_AndMarketDataType_Decode()
    {
        Assert.Equal(new TickPriceMessage(9, 66, 21500.25m, 3m, 0), Decode("1|6|9|66|21500.25|3|0|"));
        Assert.Equal(new TickPriceMessage(9, 1, null, 0m, 0), Decode("1|6|9|1|-1|0|0|"));
        Assert.Equal(new TickSizeMessage(9, 69, 7m), Decode("2|6|9|69|7|"));
        Assert.Equal(new MarketDataTypeMessage(9, TwsMarketDataType.Delayed), Decode("58|1|9|3|"));
    }

    [Fact]
    public void OptionComputation_AtServer178_HasNoVersionField_AndNotComputedValuesReadNull()
    {
        // reqId, tickType (13 model), tickAttrib, IV, delta, optPrice, pvDividend, gamma, vega, theta, undPrice
        Assert.Equal(new TickOptionComputationMessage(9, 13, 0.16, -0.18, 10.2, 6000.5), Decode("21|9|13|0|0.16|-0.18|10.2|0.0|0.001|1.5|-0.8|6000.5|"));
        Assert.Equal(new TickOptionComputationMessage(9, 83, null, null, null, null), Decode("21|9|83|1|-1|-2|-1|-1|-2|-2|-2|-1|"));
        Assert.True(((TickOptionComputationMessage)Decode("21|9|83|1|-1|-2|-1|-1|-2|-2|-2|-1|")).IsModel);
        Assert.False(((TickOptionComputationMessage)Decode("21|9|10|0|0.2|-0.2|1|0|0|0|0|6000|")).IsModel);
    }

    [Fact]
    public void ContractData_ReadsConIdMinTickAndHours()
    {
        var data = Assert.IsType<ContractDataMessage>(Decode(
            "10|4|MNQ|FUT|20260320-09:30:00|0||CME|USD|MNQH6|MNQ|MNQ|711280073|0.25|2|LMT,MKT|CME,QBALGO|1|0|Micro E-mini Nasdaq-100||202603||||US/Central|20260101:1700-20260102:1600|20260102:0830-20260102:1600|||0|1|MNQ|IND|26|20260320||1|1|1|"));

        Assert.Equal((4, 711280073, 0.25m, "2"), (data.RequestId, data.Contract.ConId, data.MinTick, data.Contract.Multiplier));
        Assert.Equal(("Micro E-mini Nasdaq-100", "202603", "US/Central"), (data.LongName, data.ContractMonth, data.TimeZoneId));
    }

    [Fact]
    public void UnknownId_BecomesUnknownMessage_NotAnError() =>
        Assert.Equal(new UnknownMessage(999, 4), Decode("999|1|x|y|"));

    [Fact]
    public void TruncatedKnownMessage_IsAProtocolErrorNamingTheMessage()
    {
        var ex = Assert.Throws<TwsProtocolException>(() => Decode("3|1001|Filled|"));

        Assert.StartsWith("Message 3:", ex.Message, StringComparison.Ordinal);
    }

    private static TwsMessage Decode(string wire) => TwsMessageDecoder.Decode(FakeTwsWire.Pipes(wire));
}
