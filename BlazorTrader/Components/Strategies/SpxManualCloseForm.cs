using System.Globalization;
using BlazorTrader.Engine.Commands;

namespace BlazorTrader.Components.Strategies;

/// <summary>
/// "Record a manual close" of one calendar as the trades panel edits it: the exit credit per combo and the time in exchange
/// time (the zone shown beside it), turned into the engine command with the time in UTC, or the field that is wrong.
/// </summary>
public sealed class SpxManualCloseForm(long tradeId)
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    public long TradeId { get; } = tradeId;
    public decimal? ExitCredit { get; set; }
    public string? ClosedAt { get; set; }

    public static SpxManualCloseForm Now(long tradeId, DateTime exchangeNow) =>
        new(tradeId) { ClosedAt = exchangeNow.ToString(TimeFormat, CultureInfo.InvariantCulture) };

    public (RecordSpxManualClose? Command, string? Error) ToCommand(long strategyId, TimeZoneInfo exchangeZone)
    {
        if (ExitCredit is not ({ } credit and >= 0))
            return (null, "Exit credit: a price of 0 or more per combo");
        if (!DateTime.TryParseExact(ClosedAt?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return (null, $"Closed at: a time as {TimeFormat}");
        if (exchangeZone.IsInvalidTime(local))
            return (null, "Closed at: that time does not exist in the exchange's zone (clocks moved forward)");
        return (new RecordSpxManualClose(strategyId, TradeId, credit, TimeZoneInfo.ConvertTimeToUtc(local, exchangeZone)), null);
    }
}
