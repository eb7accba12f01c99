using System.Globalization;
using System.Text;
using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Reports;

/// <summary>Trades as CSV (RFC 4180, invariant culture, UTC ISO-8601 times) for spreadsheets and tax tools.</summary>
public static class TradeCsv
{
    public const string Header = "id,recorderId,recorder,ticker,side,quantity,entryPrice,exitPrice,slPrice,tpPrice,realizedPnl,mfe,mae,status,exitReason,openedAt,closedAt";

    public static string Write(IEnumerable<TradeEntity> trades, IReadOnlyDictionary<long, string> recorderNames)
    {
        var sb = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var t in trades)
        {
            string[] fields =
            [
                Num(t.Id), Num(t.RecorderId), recorderNames.GetValueOrDefault(t.RecorderId, ""), t.Ticker, t.Side, Num(t.Quantity),
                Num(t.EntryPrice), Num(t.ExitPrice), Num(t.SlPrice), Num(t.TpTargets.FirstOrDefault()?.Price), Num(t.RealizedPnl),
                Num(t.Mfe), Num(t.Mae), t.Status, t.ExitReason ?? "", Time(t.OpenedAt), Time(t.ClosedAt),
            ];
            sb.AppendJoin(',', fields.Select(Escape)).Append("\r\n");
        }
        return sb.ToString();
    }

    // Normalized: the database may hand back 20.0000 for 20.
    private static string Num(decimal? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime? utc) => utc?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quotes fields with separators or quotes, and defuses spreadsheet formulas (=, +, -, @ at the start of text).</summary>
    internal static string Escape(string field)
    {
        if (field.Length > 0 && "=+@\t\r".Contains(field[0]) || field.StartsWith('-') && !decimal.TryParse(field, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
