using System.Collections.Concurrent;
using System.Globalization;
using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>One scripted intraday bar of the fake's tape (its start in UTC) or one daily bar (<see cref="Date"/>).</summary>
internal sealed record FakeBar(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, DateOnly? Date = null);

/// <summary>
/// Historical data (issue 17): REQ_HISTORICAL_DATA (20) answered with HISTORICAL_DATA (17) from a scripted tape, at server
/// version 178: no version field; intraday bars stamped in epoch seconds (formatDate 2), daily bars <c>yyyyMMdd</c>. The
/// window is [endDateTime - duration, endDateTime); useRTH=1 keeps only 09:30-16:00 ET. A symbol with no tape gets 162.
/// </summary>
internal sealed partial class FakeTwsServer
{
    /// <summary>REQ_HISTORICAL_DATA has 23 fields at 178 for a non-BAG contract (id included).</summary>
    public const int HistoricalDataRequestFields = 23;

    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Intraday bars by symbol, of any bar length the test scripts (the fake does not resample).</summary>
    public ConcurrentDictionary<string, List<FakeBar>> IntradayBars { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Daily bars by symbol.</summary>
    public ConcurrentDictionary<string, List<FakeBar>> DailyBars { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal static bool IsRegularHours(DateTimeOffset utc)
    {
        var et = TimeZoneInfo.ConvertTime(utc, Eastern).TimeOfDay;
        return et >= new TimeSpan(9, 30, 0) && et < new TimeSpan(16, 0, 0);
    }
}

internal sealed partial class FakeTwsSession
{
    private async Task HistoricalDataAsync(string[] f)
    {
        var requestId = f[1];
        if (f.Length != FakeTwsServer.HistoricalDataRequestFields)
        {
            server.Violations.Enqueue($"REQ_HISTORICAL_DATA has {f.Length} fields, expected {FakeTwsServer.HistoricalDataRequestFields}");
            await SendAsync("4", "2", requestId, "321", "Error validating request.-'bW' : cause - malformed historical data request", "");
            return;
        }
        var (symbol, end, barSize, duration, useRth, whatToShow, formatDate) = (f[3], f[15], f[16], f[17], f[18] == "1", f[19], f[20]);
        if (whatToShow != "TRADES" || formatDate != "2" || !DateTimeOffset.TryParseExact(end, "yyyyMMdd-HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var endUtc))
        {
            server.Violations.Enqueue($"REQ_HISTORICAL_DATA not as the client should send it: {whatToShow}, formatDate {formatDate}, end '{end}'");
            await SendAsync("4", "2", requestId, "321", "Error validating request", "");
            return;
        }
        var daily = barSize == "1 day";
        var tape = (daily ? server.DailyBars : server.IntradayBars).GetValueOrDefault(symbol);
        if (tape is null)
        {
            await SendAsync("4", "2", requestId, "162", "Historical Market Data Service error message:HMDS query returned no data: " + symbol + "@SMART Trades", "");
            return;
        }
        var startUtc = endUtc - Duration(duration);
        var bars = tape.Where(b => b.Start >= startUtc && b.Start < endUtc && (daily || !useRth || FakeTwsServer.IsRegularHours(b.Start))).ToList();
        var fields = new List<string> { "17", requestId, startUtc.ToString("yyyyMMdd  HH:mm:ss", CultureInfo.InvariantCulture),
            endUtc.ToString("yyyyMMdd  HH:mm:ss", CultureInfo.InvariantCulture), S(bars.Count) };
        foreach (var b in bars)
        {
            var wap = b.Volume > 0 ? Math.Round((b.High + b.Low + b.Close) / 3m, 4) : 0m;
            fields.AddRange([daily ? b.Date!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : S(b.Start.ToUnixTimeSeconds()),
                S(b.Open), S(b.High), S(b.Low), S(b.Close), S(b.Volume), S(wap), "2"]);
        }
        await SendAsync([.. fields]);
    }

    /// <summary>"1800 S", "10 D", "2 W".</summary>
    private static TimeSpan Duration(string text)
    {
        var parts = text.Split(' ');
        var n = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return parts[1] switch { "S" => TimeSpan.FromSeconds(n), "D" => TimeSpan.FromDays(n), "W" => TimeSpan.FromDays(7 * n), _ => throw new FormatException(text) };
    }
}
