using System.Globalization;
using BlazorTrader.Engine.Strategies.SpxCalendar;

namespace BlazorTrader.Components.Strategies;

/// <summary>The spxDoubleCalendar parameters as the page edits them (times as HH:mm text); validated by <see cref="SpxCalendarParameters.Validate"/>.</summary>
public sealed class SpxCalendarParametersForm
{
    public int Quantity { get; set; }
    public int MaxOpen { get; set; }
    public int ShortDays { get; set; }
    public int LongDays { get; set; }
    public decimal TargetDelta { get; set; }
    public decimal StrikeStep { get; set; }
    public decimal PriceIncrement { get; set; }
    public int MaxAttempts { get; set; }
    public int AttemptSeconds { get; set; }
    public decimal MaxPremium { get; set; }
    public decimal ProfitTargetPercent { get; set; }
    public int ExitAfterDays { get; set; }
    public string ExitTime { get; set; } = "15:00";
    public string ReconcileTime { get; set; } = "17:00";

    public static SpxCalendarParametersForm From(SpxCalendarParameters p) => new()
    {
        Quantity = p.Quantity, MaxOpen = p.MaxOpen, ShortDays = p.ShortDays, LongDays = p.LongDays, TargetDelta = p.TargetDelta,
        StrikeStep = p.StrikeStep, PriceIncrement = p.PriceIncrement, MaxAttempts = p.MaxAttempts, AttemptSeconds = p.AttemptSeconds,
        MaxPremium = p.MaxPremium, ProfitTargetPercent = p.ProfitTargetPercent, ExitAfterDays = p.ExitAfterDays,
        ExitTime = p.ExitTime.ToString("HH:mm", CultureInfo.InvariantCulture), ReconcileTime = p.ReconcileTime.ToString("HH:mm", CultureInfo.InvariantCulture),
    };

    /// <summary>The parameters, or which time is not HH:mm.</summary>
    public (SpxCalendarParameters? Parameters, string? Error) ToParameters()
    {
        if (!TimeOnly.TryParseExact(ExitTime.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exit)) return (null, "Exit time must be HH:mm");
        if (!TimeOnly.TryParseExact(ReconcileTime.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reconcile)) return (null, "Reconcile time must be HH:mm");
        return (new SpxCalendarParameters
        {
            Quantity = Quantity, MaxOpen = MaxOpen, ShortDays = ShortDays, LongDays = LongDays, TargetDelta = TargetDelta, StrikeStep = StrikeStep,
            PriceIncrement = PriceIncrement, MaxAttempts = MaxAttempts, AttemptSeconds = AttemptSeconds, MaxPremium = MaxPremium,
            ProfitTargetPercent = ProfitTargetPercent, ExitAfterDays = ExitAfterDays, ExitTime = exit, ReconcileTime = reconcile,
        }, null);
    }
}
