using System.Globalization;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Scheduling.Strategies;

namespace BlazorTrader.Components.Pages;

/// <summary>The editable fields of the strategies page; times as HH:mm text in the exchange time zone.</summary>
public sealed class StrategyForm
{
    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public long? Id { get; set; }
    public string Name { get; set; } = "";
    public long AccountId { get; set; }
    public string Ticker { get; set; } = "";
    public OrderAction Side { get; set; } = OrderAction.Buy;
    public StrategySizing Sizing { get; set; } = StrategySizing.Quantity;
    public decimal Size { get; set; } = 1;
    public string EntryTime { get; set; } = "09:45";
    public string ExitTime { get; set; } = "15:00";
    public HashSet<DayOfWeek> Days { get; set; } = [.. Weekdays];
    public PriceUnits ExitUnits { get; set; } = PriceUnits.Ticks;
    public decimal? TakeProfit { get; set; }
    public decimal? StopLoss { get; set; }
    public bool Enabled { get; set; } = true;

    public static StrategyForm From(ScheduledStrategyEntity s) => new()
    {
        Id = s.Id, Name = s.Name, AccountId = s.AccountId, Ticker = s.Ticker, Side = s.Side, Sizing = s.Sizing, Size = s.Size,
        EntryTime = Text(s.EntryTime), ExitTime = s.ExitTime is { } e ? Text(e) : "", Days = [.. s.Days], ExitUnits = s.ExitUnits,
        TakeProfit = s.TakeProfit, StopLoss = s.StopLoss, Enabled = s.Enabled,
    };

    /// <summary>The draft, or the field errors of the times (the rest is validated by <see cref="ScheduledStrategyDraft.Validate"/>).</summary>
    public (ScheduledStrategyDraft? Draft, string? Error) ToDraft()
    {
        if (Parse(EntryTime) is not { } entry) return (null, "Entry time must be HH:mm");
        TimeOnly? exit = null;
        if (!string.IsNullOrWhiteSpace(ExitTime) && (exit = Parse(ExitTime)) is null) return (null, "Exit time must be HH:mm, or empty for none");
        return (new ScheduledStrategyDraft
        {
            Name = Name, AccountId = AccountId, Ticker = Ticker, Side = Side, Sizing = Sizing, Size = Size, EntryTime = entry, ExitTime = exit,
            Days = [.. Weekdays.Where(Days.Contains)], ExitUnits = ExitUnits, TakeProfit = TakeProfit, StopLoss = StopLoss, Enabled = Enabled,
        }, null);
    }

    public static string Text(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly? Parse(string text) =>
        TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
