using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>REQ_HISTORICAL_DATA / HISTORICAL_DATA and REQ_SCANNER_SUBSCRIPTION / SCANNER_DATA at server version 178, and IB's
/// pacing of small historical bars (issue 17).</summary>
public class TwsMarketDataTests
{
    private static readonly DateTimeOffset TenEt = new(2026, 11, 19, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HistoricalDataRequest_HasNoVersionField_AndAsksTradesStampedInEpochSeconds()
    {
        var payload = TwsMarketDataEncoder.RequestHistoricalData(1073741830, TwsContract.Stock("GAPR"), TenEt, "1800 S", "30 secs", "TRADES", regularHoursOnly: true);

        Assert.Equal(
            ["20", "1073741830", "0", "GAPR", "STK", "", "0", "", "", "SMART", "", "USD", "", "", "0", "20261119-15:00:00", "30 secs", "1800 S", "1", "TRADES", "2", "0", ""],
            TwsFrameCodec.DecodeFields(payload));
        Assert.Equal(FakeTwsServer.HistoricalDataRequestFields, TwsFrameCodec.DecodeFields(payload).Length);
    }

    [Fact]
    public void ScannerSubscription_TopPercentGainers_SetsRowsInstrumentLocationCodeAndPriceRangeOnly()
    {
        var payload = TwsMarketDataEncoder.RequestScannerSubscription(1073741831, TwsScannerSubscription.TopPercentGainers(50, 1m, 18m));

        Assert.Equal(
            ["22", "1073741831", "50", "STK", "STK.US.MAJOR", "TOP_PERC_GAIN", "1", "18", "", "", "", "", "", "", "", "", "", "", "", "0", "", "", "", "", ""],
            TwsFrameCodec.DecodeFields(payload));
        Assert.Equal(FakeTwsServer.ScannerRequestFields, TwsFrameCodec.DecodeFields(payload).Length);
    }

    [Fact]
    public void Cancels_CarryTheirVersionAndTheRequestId()
    {
        Assert.Equal(["25", "1", "9"], TwsFrameCodec.DecodeFields(TwsMarketDataEncoder.CancelHistoricalData(9)));
        Assert.Equal(["23", "1", "9"], TwsFrameCodec.DecodeFields(TwsMarketDataEncoder.CancelScannerSubscription(9)));
    }

    [Fact]
    public void HistoricalData_DecodesEpochStampedBars_DailyDates_AndUnknownVolume()
    {
        // 1795098600 = 2026-11-19 14:30:00 UTC (09:30 ET)
        var message = Assert.IsType<HistoricalDataMessage>(TwsMessageDecoder.Decode(FakeTwsWire.Pipes(
            "17|7|20261119  14:30:00|20261119  15:00:00|3|1795098600|10.55|10.6|10.55|10.6|300|10.58|2|1795098630|10.6|10.6|10.58|10.58|-1|-1|0|20261118|9.9|10.1|9.8|10.0|123456|10.0|900|")));

        Assert.Equal(7, message.RequestId);
        Assert.Equal(3, message.Bars.Count);
        Assert.Equal((new DateTimeOffset(2026, 11, 19, 14, 30, 0, TimeSpan.Zero), 10.55m, 10.6m, 10.55m, 10.6m, 300m),
            (message.Bars[0].StartUtc!.Value, message.Bars[0].Open!.Value, message.Bars[0].High!.Value, message.Bars[0].Low!.Value, message.Bars[0].Close!.Value, message.Bars[0].Volume!.Value));
        Assert.Null(message.Bars[1].Volume);
        Assert.Equal((new DateOnly(2026, 11, 18), (DateTimeOffset?)null, 10.0m), (message.Bars[2].Date!.Value, message.Bars[2].StartUtc, message.Bars[2].Close!.Value));
        Assert.Null(message.Bars[0].Date);
    }

    [Fact]
    public void ScannerData_DecodesRankedStockRows()
    {
        var message = Assert.IsType<ScannerDataMessage>(TwsMessageDecoder.Decode(FakeTwsWire.Pipes(
            "20|3|9|2|0|4815|SOFI|STK||0||SMART|USD|SOFI|NMS|SOFI||||" + "|1|2720|BRK B|STK||0||SMART|USD|BRK B|NMS|BRK B|||||")));

        Assert.Equal(9, message.RequestId);
        Assert.Equal([(0, 4815, "SOFI", "STK"), (1, 2720, "BRK B", "STK")],
            message.Rows.Select(r => (r.Rank, r.Contract.ConId, r.Contract.Symbol, r.Contract.SecType)).ToList());
    }

    [Fact]
    public void Pacer_AllowsSixtyRequestsInAnyTenMinutes_ThenRefusesUntilTheOldestLeavesTheWindow()
    {
        var time = new FakeTimeProvider(TenEt);
        var pacer = new IbHistoryPacer(time);

        for (var i = 0; i < 60; i++)
        {
            Assert.True(pacer.TryTake(), $"request {i + 1}");
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.False(pacer.TryTake());

        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(61));   // the first request is 9:59 old
        Assert.False(pacer.TryTake());
        time.Advance(TimeSpan.FromSeconds(1));                               // now 10:00 old: it leaves the window
        Assert.True(pacer.TryTake());
        Assert.False(pacer.TryTake());
    }
}
