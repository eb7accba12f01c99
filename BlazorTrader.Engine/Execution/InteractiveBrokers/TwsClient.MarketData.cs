namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Historical bars and the market scanner. The caller takes the request id first (<see cref="NewRequestId"/>)
/// and starts listening for its answer before sending, so an answer that comes back at once is not missed.</summary>
internal sealed partial class TwsClient
{
    public int NewRequestId() => NextRequestId();

    /// <summary>HISTORICAL_DATA for <paramref name="requestId"/>, or ERR_MSG 162 (no data, pacing) for it.</summary>
    public void RequestHistoricalData(int requestId, TwsContract contract, DateTimeOffset endUtc, string duration, string barSize,
        string whatToShow, bool regularHoursOnly) =>
        Connection().Send(TwsMarketDataEncoder.RequestHistoricalData(requestId, contract, endUtc, duration, barSize, whatToShow, regularHoursOnly));

    public void CancelHistoricalData(int requestId) => Connection().Send(TwsMarketDataEncoder.CancelHistoricalData(requestId));

    /// <summary>SCANNER_DATA for <paramref name="requestId"/>, repeated by TWS until <see cref="CancelScannerSubscription"/>.</summary>
    public void RequestScannerSubscription(int requestId, TwsScannerSubscription subscription) =>
        Connection().Send(TwsMarketDataEncoder.RequestScannerSubscription(requestId, subscription));

    public void CancelScannerSubscription(int requestId) => Connection().Send(TwsMarketDataEncoder.CancelScannerSubscription(requestId));
}
