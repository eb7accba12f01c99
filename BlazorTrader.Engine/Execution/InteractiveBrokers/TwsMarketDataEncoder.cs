using System.Globalization;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// REQ_HISTORICAL_DATA, REQ_SCANNER_SUBSCRIPTION and their cancels at server version 178. Layouts are those of the official
/// client at that version: neither request carries a version field any more (dropped at 124 and 143); the cancels do.
/// </summary>
internal static class TwsMarketDataEncoder
{
    /// <param name="endUtc">Sent as <c>yyyyMMdd-HH:mm:ss</c>, the form TWS reads as UTC.</param>
    /// <param name="duration">e.g. <c>1800 S</c> or <c>5 D</c>.</param>
    /// <param name="barSize">e.g. <c>30 secs</c> or <c>1 day</c>.</param>
    public static byte[] RequestHistoricalData(int requestId, TwsContract c, DateTimeOffset endUtc, string duration, string barSize,
        string whatToShow, bool regularHoursOnly) =>
        new TwsFieldWriter(OutgoingMessageId.RequestHistoricalData).Add(requestId)
            .Add(c.ConId).Add(c.Symbol).Add(c.SecType).Add(c.LastTradeDateOrContractMonth).Add(c.Strike ?? 0m)
            .Add(c.Right).Add(c.Multiplier).Add(c.Exchange).Add(c.PrimaryExchange).Add(c.Currency)
            .Add(c.LocalSymbol).Add(c.TradingClass)
            .Add(false)                                  // includeExpired
            .Add(endUtc.UtcDateTime.ToString("yyyyMMdd-HH:mm:ss", CultureInfo.InvariantCulture))
            .Add(barSize).Add(duration).Add(regularHoursOnly).Add(whatToShow)
            .Add(2)                                      // formatDate 2: intraday bars stamped in epoch seconds
            .Add(false)                                  // keepUpToDate: one answer, no stream
            .AddEmpty()                                  // chartOptions
            .ToPayload();

    public static byte[] CancelHistoricalData(int requestId) =>
        new TwsFieldWriter(OutgoingMessageId.CancelHistoricalData).Add(1).Add(requestId).ToPayload();

    /// <summary>A scanner subscription with only the row count, instrument, location, scan code and price range set.</summary>
    public static byte[] RequestScannerSubscription(int requestId, TwsScannerSubscription s) =>
        new TwsFieldWriter(OutgoingMessageId.RequestScannerSubscription).Add(requestId)
            .Add(s.NumberOfRows).Add(s.Instrument).Add(s.LocationCode).Add(s.ScanCode)
            .Add(s.AbovePrice).Add(s.BelowPrice)
            .AddEmpty(3)                                 // aboveVolume, marketCapAbove, marketCapBelow
            .AddEmpty(6)                                 // moody and S&P ratings, maturity dates (bonds)
            .AddEmpty(2)                                 // coupon rates
            .Add(false)                                  // excludeConvertible
            .AddEmpty(3)                                 // averageOptionVolumeAbove, scannerSettingPairs, stockTypeFilter
            .AddEmpty()                                  // scannerSubscriptionFilterOptions (tag-value list)
            .AddEmpty()                                  // scannerSubscriptionOptions (internal)
            .ToPayload();

    public static byte[] CancelScannerSubscription(int requestId) =>
        new TwsFieldWriter(OutgoingMessageId.CancelScannerSubscription).Add(1).Add(requestId).ToPayload();
}

/// <summary>The fields of a scanner subscription this client sets; TWS treats the others as unset.</summary>
internal sealed record TwsScannerSubscription(int NumberOfRows, string Instrument, string LocationCode, string ScanCode, decimal? AbovePrice, decimal? BelowPrice)
{
    /// <summary>US stocks on the major exchanges ranked by % gain today (IB's TOP_PERC_GAIN).</summary>
    public static TwsScannerSubscription TopPercentGainers(int rows, decimal? abovePrice, decimal? belowPrice) =>
        new(rows, "STK", "STK.US.MAJOR", "TOP_PERC_GAIN", abovePrice, belowPrice);
}
