using System.Globalization;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>HISTORICAL_DATA (17): every bar of one REQ_HISTORICAL_DATA in one message (at 178 no separate end message).</summary>
internal sealed record HistoricalDataMessage(int RequestId, IReadOnlyList<TwsBar> Bars) : TwsMessage;

/// <summary>One historical bar. <see cref="Time"/> is epoch seconds for intraday bars asked with formatDate 2, and
/// <c>yyyyMMdd</c> for daily bars whatever the format.</summary>
internal sealed record TwsBar(string Time, decimal? Open, decimal? High, decimal? Low, decimal? Close, decimal? Volume, decimal? Wap, int Count)
{
    /// <summary>The bar's start in UTC (intraday, epoch seconds); null for a daily bar's date.</summary>
    public DateTimeOffset? StartUtc => Time.Length != 8 && long.TryParse(Time, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
        ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>The trade date of a daily bar (<c>yyyyMMdd</c>); null for an intraday bar.</summary>
    public DateOnly? Date => Time.Length == 8 && DateOnly.TryParseExact(Time, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
        ? d : null;
}

/// <summary>SCANNER_DATA (20): the rows of one scanner subscription, ranked from 0; TWS repeats it until cancelled.</summary>
internal sealed record ScannerDataMessage(int RequestId, IReadOnlyList<TwsScanRow> Rows) : TwsMessage;

internal sealed record TwsScanRow(int Rank, TwsContractSummary Contract, string MarketName);
